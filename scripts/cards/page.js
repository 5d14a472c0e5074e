/* global window, document */
// Runs inside the headless Chromium page, after node_modules/adaptivecards/dist/adaptivecards.min.js:
// renders a card with a host config into #card (replacing the previous one) and reports what a person would read.
window.renderCard = function renderCard(card, hostConfig) {
  const AC = window.AdaptiveCards;
  const problems = [];
  // Teams reads a markdown subset in TextBlocks; these cards keep TextBlocks plain and put
  // Defender's text in TextRuns, so showing the text as it is matches Teams.
  AC.AdaptiveCard.onProcessMarkdown = (_text, result) => {
    result.didProcess = false;
  };
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parser: ${context.getEventAt(i).message}`);
  for (const event of adaptiveCard.validateProperties().validationEvents) problems.push(`validation: ${event.message}`);
  const element = adaptiveCard.render();
  if (!element) return { problems: [...problems, 'the renderer returned nothing'], text: '' };
  // One page draws many cards in turn: each replaces the one before.
  document.getElementById('card').replaceChildren(element);
  return { problems, text: element.innerText };
};

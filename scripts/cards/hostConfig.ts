/**
 * A Teams-like host config for the renderer, light and dark: Teams' fonts, spacing and colours as in
 * the Adaptive Cards Designer's "Microsoft Teams" hosts. Includes `factSet`: without it the 3.x
 * renderer draws FactSets empty.
 */

/** The two Teams themes the cards are drawn in. */
export type Theme = 'light' | 'dark';

/** Each theme's text colours (default and subtle) and card background. */
const PALETTES = {
  light: {
    background: '#FFFFFF',
    default: ['#FF252424', '#BF252424'],
    accent: ['#FF6264A7', '#FF8B8CC7'],
    good: ['#FF92C353', '#E592C353'],
    warning: ['#FFF8D22A', '#E5F8D22A'],
    attention: ['#FFC4314B', '#E5C4314B'],
  },
  dark: {
    background: '#FF2D2C2C',
    default: ['#FFFFFFFF', '#BFFFFFFF'],
    accent: ['#FFA6A7DC', '#FF8B8CC7'],
    good: ['#FF92C353', '#E592C353'],
    warning: ['#FFF8D22A', '#E5F8D22A'],
    attention: ['#FFD74654', '#E5D74654'],
  },
} as const;

const FONT_SIZES = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const FONT_WEIGHTS = { lighter: 200, default: 400, bolder: 600 };
const FACT_TEXT = { size: 'Default', color: 'Default', isSubtle: false, wrap: true };

/** The page background behind the card in a theme. */
export function themeBackground(theme: Theme): string {
  return `#${PALETTES[theme].background.slice(-6)}`;
}

/** The host config JSON for a theme. */
export function teamsHostConfig(theme: Theme): Record<string, unknown> {
  const p = PALETTES[theme];
  const color = ([normal, subtle]: readonly [string, string]): object => ({ default: normal, subtle });
  const foregroundColors = {
    default: color(p.default),
    dark: color(p.default),
    light: color(p.default),
    accent: color(p.accent),
    good: color(p.good),
    warning: color(p.warning),
    attention: color(p.attention),
  };
  return {
    supportsInteractivity: true,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: theme === 'light' ? '#E1DFDD' : '#3B3A39' },
    fontTypes: {
      default: {
        fontFamily: "'Segoe UI', 'Helvetica Neue', sans-serif",
        fontSizes: FONT_SIZES,
        fontWeights: FONT_WEIGHTS,
      },
      monospace: { fontFamily: "Consolas, 'Courier New', monospace", fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
    },
    textStyles: {
      heading: { fontType: 'default', size: 'large', weight: 'bolder', color: 'default', isSubtle: false },
    },
    textBlock: { headingLevel: 2 },
    containerStyles: {
      default: { backgroundColor: p.background, foregroundColors },
      emphasis: { backgroundColor: theme === 'light' ? '#FFF9F8F7' : '#FF292828', foregroundColors },
    },
    actions: {
      maxActions: 6,
      spacing: 'Default',
      buttonSpacing: 8,
      actionsOrientation: 'Horizontal',
      actionAlignment: 'Left',
    },
    factSet: { title: { ...FACT_TEXT, weight: 'Bolder' }, value: { ...FACT_TEXT, weight: 'Default' }, spacing: 16 },
  };
}

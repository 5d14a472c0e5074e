/** Every time helper in one place: abortable waits, deadlines and timeouts, and the injectable clock. */
export { abortReason, sleep, untilAborted } from './wait';
export { deadlineSignal, withTimeout, type Deadline } from './deadline';
export { realClock, type Clock } from './clock';

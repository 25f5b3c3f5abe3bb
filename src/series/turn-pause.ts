/**
 * The default pause between two hosts' turns, in a module of its own: the speech workers need
 * it, and importing it from the schema would load zod in every worker, a third of its start-up.
 */

/** A conversation takes turns faster than one voice moves to a new paragraph. */
export const DEFAULT_TURN_PAUSE_MS = 400;

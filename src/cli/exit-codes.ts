/** Exit codes (DESIGN §6): 0 ok, 1 the check found problems (where asked), 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS_FOUND = 1;
export const EXIT_BAD_INPUT = 2;
/** Anything unexpected: a bug, not the user's input. */
export const EXIT_INTERNAL = 70;

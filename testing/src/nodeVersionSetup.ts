import { nodeVersionProblem } from './supportedNode.js';

/**
 * Vitest global setup of every project: stops the run before any test file starts when vitest
 * runs on a Node other than the pinned one, and says how to run it on the right one.
 */
export default function setup(): void {
  const problem = nodeVersionProblem();
  if (problem) throw new Error(problem);
}

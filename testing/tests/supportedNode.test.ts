import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, pinnedNodeMajor } from '../src/supportedNode.js';

describe('the supported Node', () => {
  it('is Node 24, the major of the node package the root package.json pins', () => {
    expect(pinnedNodeMajor()).toBe(24);
  });

  it('is the Node these tests run on', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
    expect(nodeVersionProblem()).toBeUndefined();
  });

  it('accepts any release of the pinned major', () => {
    expect(nodeVersionProblem('v24.0.0', '/x/node')).toBeUndefined();
    expect(nodeVersionProblem('v24.21.0', '/x/node')).toBeUndefined();
  });

  it('rejects the system Node 20 and says how to run on 24', () => {
    const problem = nodeVersionProblem('v20.20.2', '/usr/bin/node');
    expect(problem).toContain('govgraph runs and tests on Node 24, but this is Node v20.20.2');
    expect(problem).toContain('(/usr/bin/node)');
    expect(problem).toContain('npm test');
    expect(problem).toContain('nvm use');
  });

  it('rejects a newer major too', () => {
    expect(nodeVersionProblem('v26.10.0', '/x/node')).toContain('this is Node v26.10.0');
  });
});

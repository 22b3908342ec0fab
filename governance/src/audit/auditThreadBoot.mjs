// Starts the SQLite audit writer's thread from its TypeScript source. The hub runs from source
// with tsx; a worker thread inherits the tsx loader only when the process was started by tsx
// (not under vitest), so the thread registers it itself (a second registration is harmless).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

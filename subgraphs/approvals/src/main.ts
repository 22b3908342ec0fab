import { runDepartmentMain } from '@govgraph/schema/runtime';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/approvals` (APPROVALS_PORT, APPROVALS_DATABASE_URL).
await runDepartmentMain(department);

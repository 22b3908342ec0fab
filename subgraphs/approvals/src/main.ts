import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/approvals` (APPROVALS_PORT, APPROVALS_DATABASE_URL).
await runDepartmentMain(department);

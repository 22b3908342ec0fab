import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/complaints` (COMPLAINTS_PORT, COMPLAINTS_DATABASE_URL).
await runDepartmentMain(department);

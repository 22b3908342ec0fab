import { runDepartmentMain } from '@govgraph/schema/runtime';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/complaints` (COMPLAINTS_PORT, COMPLAINTS_DATABASE_URL).
await runDepartmentMain(department);

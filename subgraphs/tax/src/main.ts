import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/tax` (TAX_PORT, TAX_DATABASE_URL).
await runDepartmentMain(department);

import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/statistics` (STATISTICS_PORT, STATISTICS_DATABASE_URL).
await runDepartmentMain(department);

import { runDepartmentMain } from '@govgraph/department';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/social` (SOCIAL_PORT, SOCIAL_DATABASE_URL).
await runDepartmentMain(department);

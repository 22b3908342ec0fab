import { runDepartmentMain } from '@govgraph/schema/runtime';
import { department } from './department.js';

// Production edge: `npm start -w @govgraph/social` (SOCIAL_PORT, SOCIAL_DATABASE_URL).
await runDepartmentMain(department);

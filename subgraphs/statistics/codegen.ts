import { departmentCodegen } from '@govgraph/schema/codegen';

export default departmentCodegen({
  contextType: '../context.js#StatisticsContext',
  mappers: {
    Indicator: '../db/schema.js#IndicatorRow',
    Observation: '../db/schema.js#ObservationRow',
  },
});

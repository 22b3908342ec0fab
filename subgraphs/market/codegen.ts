import { departmentCodegen } from '@govgraph/schema/codegen';

const rows = '../db/schema.js';

export default departmentCodegen({
  contextType: '../context.js#MarketContext',
  mappers: {
    LegalEntity: `${rows}#LegalEntityRow`,
    Person: `${rows}#PersonRef`,
    Inspection: `${rows}#InspectionRow`,
    AdministrativePenalty: `${rows}#AdministrativePenaltyRow`,
    AbnormalOperationListing: `${rows}#AbnormalListingRow`,
    SeriousDishonestyListing: `${rows}#DishonestyListingRow`,
    LegalEntityConnection: `${rows}#LegalEntityPage`,
    InspectionConnection: `${rows}#InspectionPage`,
    AdministrativePenaltyConnection: `${rows}#AdministrativePenaltyPage`,
    AbnormalOperationListingConnection: `${rows}#AbnormalListingPage`,
  },
});

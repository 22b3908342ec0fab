import { INVALID_CERTIFICATE_NUMBER, quoteInput } from '@govgraph/schema';
import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { checkCertificateNumber } from '../certificateNumber.js';

export const Query: QueryResolvers = {
  building: (_root, { buildingId }, { loaders }) => loaders.building.load(buildingId),
  realEstateTitle: (_root, { certificateNumber }, { loaders }) => {
    const checked = checkCertificateNumber(certificateNumber);
    if (!checked.ok) {
      throw INVALID_CERTIFICATE_NUMBER.err(
        `realEstateTitle(certificateNumber: ${quoteInput(certificateNumber)}) is not a title certificate number: ${checked.problem}.`,
        { extensions: { argument: 'certificateNumber' } },
      );
    }
    return loaders.title.load(checked.value);
  },
};

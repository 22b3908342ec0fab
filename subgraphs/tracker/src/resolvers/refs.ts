/** A person seen from the tracker: only the key; the population registry owns the rest. */
export interface PersonRef {
  nationalId: string;
}

/** A market entity seen from the tracker: only the key; the business registry owns the rest. */
export interface LegalEntityRef {
  creditCode: string;
}

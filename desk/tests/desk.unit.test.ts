import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  documentHash,
  FILE_COMPLAINT,
  loadDeskAssets,
  RECORD_SECTIONS,
  recordDocument,
  renderDeskPage,
  SUBMIT_APPLICATION,
  trustedDeskDocuments,
} from '../src/index.js';
import { topFields } from '../src/page/labels.js';
import { nationalIdHint } from '../src/page/nationalIdHint.js';

const VALID = '11010519491231002X';

describe('the national ID hint', () => {
  it('accepts a valid ID, also with a lower-case x', () => {
    expect(nationalIdHint(VALID)).toBeNull();
    expect(nationalIdHint(VALID.toLowerCase())).toBeNull();
  });

  it('names the right check character for a mistyped one', () => {
    expect(nationalIdHint('110105194912310025')).toBe(
      'The last character should be X, not 5 — check the digits: one of them is probably mistyped.',
    );
  });

  it('says what else is wrong in the standards’ own words', () => {
    expect(nationalIdHint('1101051949')).toContain('18 characters; this one has 10');
    expect(nationalIdHint('11010519491331002X')).toContain('is not a real date');
    expect(nationalIdHint('1101051949A231002X')).toContain('character 11 is "A"');
    expect(nationalIdHint('')).toContain('Type the 18-character national ID');
  });
});

describe('the trusted documents', () => {
  it('composes the record from sections in one fixed order, whatever order they are given', () => {
    expect(recordDocument(['taxProfile', 'name'])).toBe(recordDocument(['name', 'taxProfile']));
    const text = recordDocument(['name', 'taxProfile']);
    expect(() => parse(text)).not.toThrow();
    expect(text).toContain('person(nationalId: $nationalId)');
    expect(text).not.toContain('socialInsurance');
  });

  it('holds every non-empty set of sections and the two writes, by sha256', () => {
    const documents = trustedDeskDocuments();
    expect(documents.size).toBe(2 ** RECORD_SECTIONS.length - 1 + 2);
    const all = recordDocument(RECORD_SECTIONS.map((s) => s.key));
    expect(documents.get(documentHash(all))).toBe(all);
    expect(documents.get(documentHash(FILE_COMPLAINT))).toBe(FILE_COMPLAINT);
    expect(documents.get(documentHash(SUBMIT_APPLICATION))).toBe(SUBMIT_APPLICATION);
    for (const text of documents.values()) expect(() => parse(text)).not.toThrow();
  });

  it('names each section by the fields it starts at', () => {
    const family = RECORD_SECTIONS.find((s) => s.key === 'spouse');
    expect(topFields(family?.selection ?? '')).toEqual(['spouse', 'parents', 'children']);
    for (const section of RECORD_SECTIONS) {
      expect(topFields(section.selection)[0]).toBe(
        section.key === 'name' ? 'nationalId' : section.key,
      );
    }
  });
});

describe('the page', () => {
  it('is one script and one stylesheet from the gateway, nothing inline, nothing remote', () => {
    const assets = loadDeskAssets();
    const html = renderDeskPage(assets);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>|<style>|\sstyle=|\son\w+=/);
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'data:,',
      `/desk/assets/desk.css?v=${assets.css.version}`,
      `/desk/assets/desk.js?v=${assets.script.version}`,
    ]);
    // The script calls the gateway by path only.
    const calls = [...assets.script.body.toString().matchAll(/fetch\(\s*["'`]([^"'`]+)/g)];
    expect(calls.map((m) => m[1]).sort()).toEqual([
      '/desk/plan',
      '/desk/session',
      '/desk/session',
      '/graphql',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { nothingRecordedYet } from '../test/fake-contacts-api';
import { diffPaths } from './diff';
import { toUpdateRequest, type ContactDraft } from './draft';
import { languageName, languageOptions, searchLanguages } from './languages';

const draft = (change: Partial<ContactDraft> = {}): ContactDraft => ({
  channel: 'phone',
  lineId: 'general',
  disposition: null,
  notes: '  ',
  endedAt: null,
  caller: {
    firstName: '',
    ageGroup: 'senior',
    gender: null,
    language: 'fr',
    location: { undisclosed: false, municipality: 'Thunder Bay', fsa: 'P7' },
    relation: null,
  },
  ...nothingRecordedYet(),
  ...change,
});

describe('the PATCH body', () => {
  it('sends blanks as null, never a half-typed FSA, and the phone only once typed here', () => {
    const body = toUpdateRequest(draft(), 4);
    expect(body.version).toBe(4);
    expect(body.notes).toBeNull();
    expect(body.caller?.firstName).toBeNull();
    expect(body.caller?.location).toEqual({ undisclosed: false, municipality: 'Thunder Bay', fsa: null });
    expect(body.caller && 'phone' in body.caller).toBe(false);

    const typed = toUpdateRequest(draft({ caller: { ...draft().caller, phone: '807 555 0101' } }), 4);
    expect(typed.caller?.phone).toBe('807 555 0101');
  });

  it('sends an undisclosed location without any place in it', () => {
    const body = toUpdateRequest(
      draft({
        caller: { ...draft().caller, location: { undisclosed: true, municipality: 'x', fsa: 'P7B' } },
      }),
      1,
    );
    expect(body.caller?.location).toEqual({ undisclosed: true, municipality: null, fsa: null });
  });
});

describe('languages', () => {
  it('names every code in both official languages and finds them by either name', () => {
    expect(languageName('fr', 'en')).toBe('French');
    expect(languageName('fr', 'fr')).toBe('Français');
    expect(languageName('crk', 'en')).toBe('Plains Cree');
    expect(languageName('fcs', 'fr')).toBe('Langue des signes québécoise');
    const en = languageOptions('en');
    expect(searchLanguages(en, 'espagnol')[0]?.code).toBe('es');
    expect(searchLanguages(en, 'tigrin')[0]?.code).toBe('ti');
    expect(searchLanguages(languageOptions('fr'), 'pendj')[0]?.code).toBe('pa');
    // Two codes never share a name, so the list never shows look-alikes.
    expect(new Set(en.map((o) => o.name)).size).toBe(en.length);
  });
});

describe('diffPaths', () => {
  it('lists the leaf paths that differ, treating empty and null alike', () => {
    expect(
      diffPaths(
        { caller: { ageGroup: 'adult', firstName: '' }, needs: [{ id: 'a', referrals: [] }] },
        { caller: { ageGroup: 'senior', firstName: null }, needs: [{ id: 'a', referrals: [{ id: 'r' }] }] },
      ),
    ).toEqual(['caller.ageGroup', 'needs.0.referrals.0']);
  });
});

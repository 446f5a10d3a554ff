import type {
  AgeGroup,
  CallerRelation,
  Channel,
  Contact,
  ContactChangedEvent,
  CrisisFlag,
  Disposition,
  Gender,
  Need,
  ReferralKind,
  UnmetReason,
} from '@relais/contracts';
import type { ContactRecord, LineRow } from './contacts.queries';
import { maskPhone, missingForClose } from './contacts.rules';

/** Maps stored rows to the Contact contract (the database CHECKs guarantee the coded values). */

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

export function toContact(r: ContactRecord, line: LineRow | undefined): Contact {
  const needs: Need[] = r.needs.map((n) => {
    const referrals = r.referrals
      .filter((ref) => ref.needId === n.id)
      .map((ref) => ({
        id: ref.id,
        needId: ref.needId,
        serviceId: ref.serviceId,
        locationId: ref.locationId,
        kind: ref.kind as ReferralKind,
        serviceName: ref.serviceName,
        servicePhone: ref.servicePhone,
        locationName: ref.locationName,
        serviceNameEn: ref.serviceNameEn ?? null,
        serviceNameFr: ref.serviceNameFr ?? null,
        locationNameEn: ref.locationNameEn ?? null,
        locationNameFr: ref.locationNameFr ?? null,
        organizationNameEn: ref.organizationNameEn ?? null,
        organizationNameFr: ref.organizationNameFr ?? null,
        directory: ref.directory ?? 'gone',
        note: ref.note,
        createdAt: iso(ref.createdAt),
      }));
    return {
      id: n.id,
      termId: n.termId,
      categoryId: n.categoryId,
      note: n.note,
      unmetReason: n.unmetReason as UnmetReason | null,
      unmetNote: n.unmetNote,
      status: referrals.length > 0 ? 'met' : n.unmetReason ? 'unmet' : 'open',
      referrals,
    };
  });
  const hasLocation = r.callerLocationUndisclosed || r.callerMunicipality !== null || r.callerFsa !== null;
  const contact: Omit<Contact, 'missing'> = {
    id: r.id,
    version: r.version,
    status: r.status,
    channel: r.channel as Channel,
    lineId: r.lineId,
    specialist: r.specialistId ? { id: r.specialistId, name: r.specialistName ?? '' } : null,
    startedAt: iso(r.startedAt),
    endedAt: isoOrNull(r.endedAt),
    disposition: r.disposition as Disposition | null,
    notes: r.notes,
    caller: {
      firstName: r.callerFirstName,
      hasPhone: r.callerPhoneDigits !== null,
      phoneMasked: maskPhone(r.callerPhoneDigits),
      ageGroup: r.callerAgeGroup as AgeGroup | null,
      gender: r.callerGender as Gender | null,
      language: r.callerLanguage,
      location: hasLocation
        ? { undisclosed: r.callerLocationUndisclosed, municipality: r.callerMunicipality, fsa: r.callerFsa }
        : null,
      relation: r.callerRelation as CallerRelation | null,
    },
    needs,
    noNeed: r.noNeed,
    crisisFlags: r.crisisFlags as CrisisFlag[],
    followUps: r.followUps.map((f) => ({
      id: f.id,
      contactId: f.contactId,
      dueAt: iso(f.dueAt),
      status: f.status,
      note: f.note,
      assignedToId: f.assignedToId,
      createdAt: iso(f.createdAt),
    })),
    noFollowUpReason: r.noFollowUpReason,
    lineFields: r.lineFields,
    externalId: r.externalId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    closedAt: isoOrNull(r.closedAt),
  };
  return { ...contact, missing: r.status === 'closed' ? [] : missingForClose(contact, line) };
}

export function changedEvent(c: Contact): ContactChangedEvent {
  return {
    id: c.id,
    version: c.version,
    status: c.status,
    specialistId: c.specialist?.id ?? null,
    lineId: c.lineId,
    channel: c.channel,
    crisis: c.crisisFlags.length > 0,
  };
}

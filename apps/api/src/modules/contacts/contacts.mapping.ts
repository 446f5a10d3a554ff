import type {
  AgeGroup,
  CallerHistory,
  CallerRelation,
  Channel,
  Contact,
  ContactChangedEvent,
  ContactPage,
  ContactTimeline,
  CrisisFlag,
  Disposition,
  Gender,
  LineField,
  LineList,
  Need,
  OpenCrises,
  ReferralKind,
  SafetyNote,
  UnmetReason,
} from '@relais/contracts';
import type { z } from 'zod';
import type { CallerContactRow, SafetyNoteRow } from './contacts.callers.queries';
import type { OpenCrisisRow } from './contacts.queries';
import type { ContactRecord, LineRow } from './contacts.records';
import { maskPhone, missingForClose } from './contacts.rules';
import type { SummaryRow, TimelineRow } from './contacts.search.queries';

/** Stored rows → the contracts (the database CHECKs guarantee the coded values). */

export const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
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

export function toLineList(lines: Iterable<LineRow>): z.output<typeof LineList> {
  return {
    items: [...lines].map((l) => ({
      id: l.id,
      nameEn: l.nameEn,
      nameFr: l.nameFr,
      active: l.active,
      fields: l.fields as LineField[],
    })),
  };
}

export const toContactSummary = (r: SummaryRow): ContactPage['items'][number] => ({
  id: r.id,
  status: r.status,
  channel: r.channel,
  lineId: r.line_id,
  specialist: r.specialist_id ? { id: r.specialist_id, name: r.specialist_name ?? '' } : null,
  startedAt: iso(r.started_at),
  endedAt: r.ended_at === null ? null : iso(r.ended_at),
  disposition: r.disposition,
  municipality: r.caller_municipality,
  needCategories: r.need_categories ?? [],
  crisisFlags: r.crisis_flags,
  version: r.version,
});

export const toTimelineItem = (r: TimelineRow): ContactTimeline['items'][number] => ({
  at: iso(r.at),
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  fields: r.fields ?? [],
  actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
});

export const toOpenCrisis = (c: OpenCrisisRow): OpenCrises['items'][number] => ({
  contactId: c.id,
  specialistId: c.specialist_id,
  flags: c.crisis_flags,
  lineId: c.line_id,
  channel: c.channel,
  at: iso(c.crisis_raised_at),
});

export const toCallerContact = (c: CallerContactRow): CallerHistory['contacts'][number] => ({
  id: c.id,
  startedAt: iso(c.started_at),
  status: c.status,
  channel: c.channel,
  lineId: c.line_id,
  disposition: c.disposition,
  crisisFlags: c.crisis_flags,
  specialist: c.specialist_id ? { id: c.specialist_id, name: c.specialist_name ?? '' } : null,
  needs: c.needs ?? [],
});

export const toSafetyNote = (n: SafetyNoteRow): SafetyNote => ({
  id: n.id,
  note: n.note,
  createdAt: iso(n.created_at),
  createdBy: n.created_by_id ? { id: n.created_by_id, name: n.created_by_name ?? '' } : null,
});

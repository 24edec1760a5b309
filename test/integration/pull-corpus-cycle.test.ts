import { CTF } from '../support/corpus/ctf-cycle.js';
import { pullRoundTrip } from '../support/pull-trip.js';

/**
 * Issue 10's pull round trip on the 44-table CTF schema, whose foreign keys
 * form cycles (users ⇄ teams, events ⇄ rounds), on every dialect.
 */
pullRoundTrip('pull: CTF platform with foreign-key cycles', CTF.body(0), CTF.schemas ?? []);

import { CTF } from '../support/corpus/ctf-cycle.js';
import { corpusLifecycle } from '../support/corpus/lifecycle.js';

/**
 * Issue 9's corpus with foreign-key cycles, on every dialect: a 44-table
 * capture-the-flag platform (users ⇄ teams, events ⇄ rounds) through init,
 * rows, ten changes and a step-by-step downgrade to base.
 */
corpusLifecycle('corpus: CTF platform with foreign-key cycles', CTF);

/**
 * jcstress tests of every lock-free protocol in the runtime.
 *
 * <p>Outcome grades follow one convention: FORBIDDEN is a bug in the code under test; an outcome
 * graded ACCEPTABLE_INTERESTING marks a broken variant (the protocol with a fence removed, kept
 * beside the real test to prove the harness can see the bug that fence prevents) and must be
 * observed in every run: {@link dev.kevy.stress.check.BrokenVariantCheck} fails the run otherwise.
 * Outcomes that are merely rare are ACCEPTABLE.
 */
package dev.kevy.stress;

/**
 * jcstress tests of the task inbox ({@code dev.kevy.rt.task}): the submit/park/wake handshake, the
 * same handshake with the submitter's fence removed (which must show the lost wake), and the
 * multi-producer queue's delivery (no loss, no duplicate, each producer's order kept).
 */
package dev.kevy.stress.task;

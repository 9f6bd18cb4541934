/**
 * Checks on a finished jcstress run that jcstress itself does not make: that every broken variant
 * still shows its bug, and that every selected test ran at all.
 */
package dev.kevy.stress.check;

/**
 * The loopback load harness: {@link org.dvinspector.benchmarks.harness.LoadHarness} runs the
 * performance scenarios of {@code BENCHMARKS.md} against DNS and web servers on this machine's
 * loopback addresses and prints each measured figure next to its reference from the same run.
 */
@NullMarked
package org.dvinspector.benchmarks.harness;

import org.jspecify.annotations.NullMarked;

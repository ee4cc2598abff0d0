/**
 * JMH benchmarks of DV Inspector's CPU paths: domain name normalisation, CAA parsing and
 * evaluation, report building with its critical path. Run them with {@code java -jar
 * benchmarks/target/benchmarks.jar}; see {@code BENCHMARKS.md}.
 */
@NullMarked
package org.dvinspector.benchmarks;

import org.jspecify.annotations.NullMarked;

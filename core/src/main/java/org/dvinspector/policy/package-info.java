/**
 * The rules the inspector applies that are useful on their own: the Public Suffix List ({@link
 * org.dvinspector.policy.PublicSuffixList}) and the dates on which the Baseline Requirements
 * retire validation methods ({@link org.dvinspector.policy.BaselineRequirements}).
 */
@NullMarked
package org.dvinspector.policy;

import org.jspecify.annotations.NullMarked;

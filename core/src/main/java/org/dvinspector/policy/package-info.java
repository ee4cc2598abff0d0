/**
 * The rules the inspector applies, usable on their own: the Public Suffix List ({@link
 * org.dvinspector.policy.PublicSuffixList}), the Baseline Requirements' method dates ({@link
 * org.dvinspector.policy.BaselineRequirements}), the multi-perspective quorum ({@link
 * org.dvinspector.policy.CorroborationEvaluator}) and Sectigo's DCV values ({@link
 * org.dvinspector.policy.SectigoDcv}).
 */
@NullMarked
package org.dvinspector.policy;

import org.jspecify.annotations.NullMarked;

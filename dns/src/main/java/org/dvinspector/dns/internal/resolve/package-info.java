/**
 * One resolution per inspection, shared by every check: questions asked from the root down the
 * way a non-minimising resolver asks them, referrals taken as zone cuts, every nameserver address
 * of the final zone asked at once, single-flight for identical questions, and a cache across
 * inspections for root and top-level referrals only.
 */
@NullMarked
package org.dvinspector.dns.internal.resolve;

import org.jspecify.annotations.NullMarked;

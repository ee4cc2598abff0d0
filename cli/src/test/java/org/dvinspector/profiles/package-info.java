/**
 * End-to-end tests of the built-in CA profiles against the testkit's DNS and HTTP labs: a domain
 * prepared the way each CA wants it is READY, one prepared for another CA gets the right finding.
 */
@NullMarked
package org.dvinspector.profiles;

import org.jspecify.annotations.NullMarked;

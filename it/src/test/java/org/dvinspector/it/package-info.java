/**
 * Integration tests against real servers on loopback: bind9 (a fake root, a TLD and authoritative
 * servers), unbound, nginx and Pebble, Let's Encrypt's test CA.
 */
@NullMarked
package org.dvinspector.it;

import org.jspecify.annotations.NullMarked;

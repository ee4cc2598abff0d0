/**
 * Implementation of the {@code http} module: pinned, endpoint-mapped fetches on OkHttp, redirect
 * rules, content comparison and the findings made from them. Not API: may change in any release.
 */
@NullMarked
package org.dvinspector.http.internal;

import org.jspecify.annotations.NullMarked;

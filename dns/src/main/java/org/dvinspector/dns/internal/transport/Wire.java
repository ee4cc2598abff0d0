package org.dvinspector.dns.internal.transport;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads just enough of a DNS message's wire form to match a reply to its query without parsing
 * the rest (RFC 5452 §9.1: ID, response flag, and the question's name, type and class).
 */
final class Wire {
  private static final int HEADER = 12;

  private Wire() {}

  /**
   * The question section of a query this inspector built: the name (uncompressed, as dnsjava
   * writes a lone question) and the type and class.
   */
  static byte[] questionOf(byte[] query) {
    int end = nameEnd(query, HEADER);
    if (end < 0 || end + 4 > query.length) {
      throw new IllegalArgumentException("not a query with one question");
    }
    return Arrays.copyOfRange(query, HEADER, end + 4);
  }

  /**
   * Why {@code reply} is not the answer to the query with {@code id} and {@code question}, or
   * null when it is. A reply without a question section is accepted only as an error answer
   * (some servers send FORMERR or NOTIMP without echoing the question).
   */
  static @Nullable String mismatch(byte[] reply, int id, byte[] question) {
    if (reply.length < HEADER) {
      return "shorter than a DNS header";
    }
    int replyId = ((reply[0] & 0xff) << 8) | (reply[1] & 0xff);
    if (replyId != id) {
      return "wrong message id " + replyId;
    }
    if ((reply[2] & 0x80) == 0) {
      return "not a response (QR bit clear)";
    }
    int qdcount = ((reply[4] & 0xff) << 8) | (reply[5] & 0xff);
    if (qdcount == 0) {
      int rcode = reply[3] & 0x0f;
      return rcode == 0 ? "no question section in a NOERROR answer" : null;
    }
    if (qdcount != 1) {
      return qdcount + " questions";
    }
    if (reply.length < HEADER + question.length) {
      return "a question section cut short";
    }
    // Names compare without regard to ASCII case (RFC 4343); type and class exactly.
    int nameLength = question.length - 4;
    for (int i = 0; i < question.length; i++) {
      byte a = reply[HEADER + i];
      byte b = question[i];
      if (a != b && (i >= nameLength || lower(a) != lower(b))) {
        return "a different question";
      }
    }
    return null;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  /** The offset just past an uncompressed name starting at {@code offset}, or -1. */
  private static int nameEnd(byte[] m, int offset) {
    int p = offset;
    while (p < m.length) {
      int len = m[p] & 0xff;
      if (len == 0) {
        return p + 1;
      }
      if ((len & 0xc0) != 0) {
        return -1;
      }
      p += 1 + len;
    }
    return -1;
  }
}

package io.handshakedoctor.emit;

import java.util.Collection;
import java.util.Map;

/** A minimal JSON writer for flat event objects (strings, numbers, booleans, string lists). */
final class Json {
  private Json() {}

  static String object(Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder(512);
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(sb, e.getKey());
      sb.append(':');
      value(sb, e.getValue());
    }
    return sb.append('}').toString();
  }

  private static void value(StringBuilder sb, Object v) {
    if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> nested = (Map<String, Object>) v; // the inventory report nests objects
      sb.append(object(nested));
    } else if (v instanceof Collection) {
      sb.append('[');
      boolean first = true;
      for (Object item : (Collection<?>) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        value(sb, item);
      }
      sb.append(']');
    } else {
      string(sb, String.valueOf(v));
    }
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    int plain = 0;
    while (plain < s.length() && needsNoEscape(s.charAt(plain))) {
      plain++;
    }
    sb.append(s, 0, plain); // most text needs no escaping: copy it in one go
    for (int i = plain; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static boolean needsNoEscape(char c) {
    return c >= 0x20 && c != '"' && c != '\\' && c < 0x7f;
  }
}

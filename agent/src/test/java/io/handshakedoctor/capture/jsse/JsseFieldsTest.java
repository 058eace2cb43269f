package io.handshakedoctor.capture.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsseFieldsTest {
  private final JsseFields fields = new JsseFields();

  @SuppressWarnings("unused")
  private static class Base {
    private final boolean isClientMode = true;
    private final Object[] enabledProtocols = {new Version("TLSv1.3"), "TLSv1.2"};

    private String getPeerHost() {
      return "base.example.test";
    }

    private String broken() {
      throw new IllegalStateException("a getter that fails");
    }
  }

  private static final class Connection extends Base {}

  private static final class Version {
    @SuppressWarnings("unused")
    private final String name;

    Version(String name) {
      this.name = name;
    }
  }

  @Test
  void privateFieldsAndMethodsAreReadByNameThroughSuperclasses() {
    Connection c = new Connection();
    assertTrue(fields.booleanField(c, "isClientMode"));
    assertEquals("base.example.test", fields.call(c, "getPeerHost"));
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), fields.displayNames(fields.field(c, "enabledProtocols")));
  }

  @Test
  void aMissingFieldOrMethodAFailingGetterOrNoTargetIsAMissingFactNotAnError() {
    Connection c = new Connection();
    assertNull(fields.field(c, "renamedByANewerJdk"));
    assertFalse(fields.booleanField(c, "renamedByANewerJdk"));
    assertNull(fields.call(c, "renamedByANewerJdk"));
    assertNull(fields.call(c, "broken"));
    assertNull(fields.field(null, "isClientMode"));
    assertNull(JsseFields.lookUp(Connection.class, "renamedByANewerJdk"));
    assertEquals("isClientMode", JsseFields.lookUp(Connection.class, "isClientMode").getName());
  }
}

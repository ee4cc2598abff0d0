package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class HttpLabExtensionTest {
  private static final String FILE = "/.well-known/pki-validation/fileauth.txt";

  @RegisterExtension
  static final HttpLabExtension WEB = HttpLabExtension.of("www.ext.test")
      .setUp(lab -> lab.endpoint("127.0.0.70").serve(FILE, "token"));

  static String get(HttpLab lab, String url) throws Exception {
    OkHttpClient client = lab.trustingClient();
    try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return r.code() + " " + r.body().string();
    }
  }

  @Test
  @Order(1)
  void theClassLabRunsWithItsSetUpAndIsInjected(HttpLab injected) throws Exception {
    assertThat(injected).isSameAs(WEB.lab());
    HttpLabEndpoint e = injected.endpoints().get(0);
    assertThat(get(injected, "http://127.0.0.70:" + e.http().port() + FILE)).isEqualTo("200 token");
  }

  @Test
  @Order(2)
  void theClassLabKeepsItsStateBetweenTests() {
    assertThat(WEB.lab().endpoints()).hasSize(1);
    assertThat(WEB.lab().endpoints().get(0).http().requestCount()).isEqualTo(1);
  }

  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  final class InANestedClass {
    @Test
    @Order(1)
    void theOuterLabIsStillTheSame(HttpLab injected) {
      assertThat(injected).isSameAs(WEB.lab());
    }
  }

  /** An instance field: a fresh lab for every test. */
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  @Nested
  final class PerTest {
    @RegisterExtension
    final HttpLabExtension web = HttpLabExtension.of("fresh.ext.test");

    @Test
    @Order(1)
    void startsAnEndpoint() {
      // (Nested: the outer lab also resolves HttpLab parameters, so ask the extension.)
      HttpLab lab = web.lab();
      assertThat(lab).isNotSameAs(WEB.lab());
      lab.endpoint("127.0.0.71");
      assertThat(lab.endpoints()).hasSize(1);
    }

    @Test
    @Order(2)
    void theNextTestHasANewLabWithTheAddressFreeAgain() {
      HttpLab lab = web.lab();
      assertThat(lab.endpoints()).isEmpty();
      lab.endpoint("127.0.0.71");
    }
  }
}

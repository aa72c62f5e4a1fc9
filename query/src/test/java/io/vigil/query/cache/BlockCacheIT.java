package io.vigil.query.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.cache.LateSampleMarks;
import io.vigil.query.api.prometheus.ApiSeedAccess;
import jakarta.inject.Inject;
import io.vigil.testkit.VigilInfraResource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prometheus range queries through the block cache on real Redis and TimescaleDB: a repeated query is
 * answered from cached blocks with the same bytes, and {@code Cache-Control: no-cache} goes to storage.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class BlockCacheIT {
    @BeforeAll
    static void seed() throws Exception {
        ApiSeedAccess.seed();
    }

    private static String rangeQuery(String query, boolean noCache) {
        var request = given().formParam("query", query).formParam("start", ApiSeedAccess.t0() / 1000)
                .formParam("end", ApiSeedAccess.t0() / 1000 + 590).formParam("step", "10");
        if (noCache) {
            request.header("Cache-Control", "no-cache");
        }
        return request.post("/api/v1/query_range").then().statusCode(200).extract().asString();
    }

    private static double counter(String name, String labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{" + Pattern.quote(labels) + "[^}]*})? ([0-9.E+-]+)$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    /**
     * Runs the query twice until the second run is answered from cached blocks: another IT of this JVM
     * may just have killed Redis, and the cache then leaves it alone for 5 s. Returns both answers.
     */
    private static String[] cachedTwice(String query) {
        String first;
        String second;
        double hitsBefore;
        double hitsAfter;
        long deadline = System.currentTimeMillis() + 15_000;
        do {
            first = rangeQuery(query, false);
            hitsBefore = counter("vigil_query_cache_blocks_total", "result=\"hit\"");
            second = rangeQuery(query, false);
            hitsAfter = counter("vigil_query_cache_blocks_total", "result=\"hit\"");
        } while (hitsAfter == hitsBefore && System.currentTimeMillis() < deadline && pause());
        // Ten minutes at a 10 s step are one or two closed ten-minute blocks, all hits the second time.
        assertThat(hitsAfter - hitsBefore).as(() -> given().get("/q/metrics").asString().lines()
                .filter(l -> l.startsWith("vigil_query")).toList().toString()).isBetween(1.0, 2.0);
        return new String[] {first, second};
    }

    @Test
    void aRepeatedRangeQueryIsServedFromCachedBlocksWithTheSameAnswer() {
        String[] answers = cachedTwice("sum by (pool) (rate(it_api_cpu[1m]))");
        assertThat(answers[0]).contains("\"resultType\":\"matrix\"").contains("\"pool\":\"web\"");
        assertThat(answers[1]).isEqualTo(answers[0]);
    }

    private static boolean pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Inject
    RedisDataSource redis;

    @Test
    void aLateMarkMakesTheOldBlocksUnreachableAndRawAnswersAreCachedAgainAtOnce() {
        String query = "min by (pool) (it_api_cpu)";
        String before = cachedTwice(query)[1];
        // What the writer does after committing a late sample into the seeded hour.
        redis.value(String.class, String.class).set(LateSampleMarks.key(LateSampleMarks.granuleOf(ApiSeedAccess.t0())),
                Long.toString(System.currentTimeMillis()));
        double missesBefore = counter("vigil_query_cache_blocks_total", "result=\"miss\"");
        String recomputed = rangeQuery(query, false);
        assertThat(counter("vigil_query_cache_blocks_total", "result=\"miss\"")).isGreaterThan(missesBefore);
        double hitsBefore = counter("vigil_query_cache_blocks_total", "result=\"hit\"");
        String again = rangeQuery(query, false);
        // Raw answers need not wait for the rollups' refresh: the mark was set after the commit.
        assertThat(counter("vigil_query_cache_blocks_total", "result=\"hit\"")).isGreaterThan(hitsBefore);
        assertThat(again).isEqualTo(recomputed).isEqualTo(before);
    }

    @Test
    void noCacheGoesToStorageAndGivesTheSameAnswer() {
        String query = "max(it_api_cpu) by (host)";
        String cached = rangeQuery(query, false);
        double bypassedBefore = counter("vigil_query_cache_queries_bypassed_total", "");
        String fresh = rangeQuery(query, true);
        assertThat(counter("vigil_query_cache_queries_bypassed_total", "")).isEqualTo(bypassedBefore + 1);
        assertThat(fresh).isEqualTo(cached);
    }
}

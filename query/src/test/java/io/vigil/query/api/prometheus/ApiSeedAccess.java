package io.vigil.query.api.prometheus;

import java.sql.SQLException;

/** The API test data for ITs of the sibling API packages. */
public final class ApiSeedAccess {
    private ApiSeedAccess() {
    }

    public static void seed() throws SQLException {
        ApiSeed.seed();
    }

    public static long t0() {
        return ApiSeed.T0;
    }
}

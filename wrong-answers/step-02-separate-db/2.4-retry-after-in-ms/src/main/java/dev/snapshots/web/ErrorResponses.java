package dev.snapshots.web;

final class ErrorResponses {

    static void dataTierUnavailable(DataTierUnavailableException e, Context ctx) {
        LOG.warn("data tier unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        // Wrong: one second written in milliseconds, as most Java time-outs are.
        ctx.status(503)
                .header("Retry-After", "1000")
                .json(new ApiError("the data tier is unavailable; try again shortly"));
    }
}

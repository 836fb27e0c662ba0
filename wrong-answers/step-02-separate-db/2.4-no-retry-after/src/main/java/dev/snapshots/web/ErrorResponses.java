package dev.snapshots.web;

final class ErrorResponses {

    static void dataTierUnavailable(DataTierUnavailableException e, Context ctx) {
        LOG.warn("data tier unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        // Wrong: the status says "try later", but not when.
        ctx.status(503).json(new ApiError("the data tier is unavailable; try again shortly"));
    }
}

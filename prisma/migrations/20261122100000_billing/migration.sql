-- CreateTable
CREATE TABLE "BillingAccount" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "stripeCustomerId" TEXT,
    "stripeSubscriptionId" TEXT,
    "plan" TEXT NOT NULL DEFAULT 'free',
    "interval" TEXT,
    "status" TEXT NOT NULL DEFAULT 'none',
    "seats" INTEGER NOT NULL DEFAULT 1,
    "currentPeriodEnd" TIMESTAMPTZ(3),
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "trialEnd" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastEventAt" TIMESTAMPTZ(3),

    CONSTRAINT "BillingAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handedOffAt" TIMESTAMPTZ(3),

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccount_tenantId_key" ON "BillingAccount"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccount_stripeCustomerId_key" ON "BillingAccount"("stripeCustomerId");

-- AddForeignKey
ALTER TABLE "BillingAccount" ADD CONSTRAINT "BillingAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------------
-- Tenancy (docs/decisions/002-rls-tenancy.md, 009-exactly-once-webhooks.md).
-- ---------------------------------------------------------------------------------------------

-- BillingAccount is tenant-owned: the same policy as every tenant table.
GRANT SELECT, INSERT, UPDATE, DELETE ON "BillingAccount" TO "tenantkit_app";
ALTER TABLE "BillingAccount" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "BillingAccount" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "BillingAccount"
  USING ("tenantId" = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
  WITH CHECK ("tenantId" = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));

-- StripeEvent is identity-level (read before any tenant is known): no tenantId, no RLS.
GRANT SELECT, INSERT, UPDATE, DELETE ON "StripeEvent" TO "tenantkit_app";

-- Webhook routing: which tenant a Stripe customer belongs to. Read-only for tenantkit_system.
GRANT SELECT ON "BillingAccount" TO "tenantkit_system";
CREATE POLICY "system_read" ON "BillingAccount" FOR SELECT TO "tenantkit_system" USING (true);

SET ROLE "tenantkit_system";
CREATE FUNCTION "tenantkit_system"."tenant_of_stripe_customer"("p_customer_id" TEXT)
RETURNS TABLE ("tenantId" UUID, "slug" TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
  SELECT b."tenantId", t."slug"
  FROM "public"."BillingAccount" b JOIN "public"."Tenant" t ON t."id" = b."tenantId"
  WHERE b."stripeCustomerId" = p_customer_id
$$;
GRANT EXECUTE ON FUNCTION "tenantkit_system"."tenant_of_stripe_customer"(TEXT) TO "tenantkit_app";
RESET ROLE;

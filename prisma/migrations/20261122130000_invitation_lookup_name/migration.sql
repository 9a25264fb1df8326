-- The invitation page names the organization people are joining, not only its address: the lookup
-- by token also returns the tenant's name. Same arguments, new result columns: drop and create.
DROP FUNCTION "tenantkit_system"."invitation_by_token_hash"(TEXT);

SET ROLE "tenantkit_system";
CREATE FUNCTION "tenantkit_system"."invitation_by_token_hash"("p_token_hash" TEXT)
RETURNS TABLE ("id" UUID, "tenantId" UUID, "slug" TEXT, "name" TEXT, "email" TEXT, "role" "public"."MembershipRole",
               "expiresAt" TIMESTAMPTZ, "acceptedAt" TIMESTAMPTZ, "revokedAt" TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
  SELECT i."id", i."tenantId", t."slug", t."name", i."email", i."role", i."expiresAt", i."acceptedAt", i."revokedAt"
  FROM "public"."Invitation" i JOIN "public"."Tenant" t ON t."id" = i."tenantId"
  WHERE i."tokenHash" = p_token_hash
$$;
GRANT EXECUTE ON FUNCTION "tenantkit_system"."invitation_by_token_hash"(TEXT) TO "tenantkit_app";
RESET ROLE;

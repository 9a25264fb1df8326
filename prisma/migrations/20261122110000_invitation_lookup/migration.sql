-- Accepting an invitation happens before the person is a member of its tenant, so finding it by
-- its token is a cross-tenant read: a SECURITY DEFINER function, like memberships_of_user.
GRANT SELECT ON "Invitation" TO "tenantkit_system";
CREATE POLICY "system_read" ON "Invitation" FOR SELECT TO "tenantkit_system" USING (true);

SET ROLE "tenantkit_system";
CREATE FUNCTION "tenantkit_system"."invitation_by_token_hash"("p_token_hash" TEXT)
RETURNS TABLE ("id" UUID, "tenantId" UUID, "slug" TEXT, "email" TEXT, "role" "public"."MembershipRole",
               "expiresAt" TIMESTAMPTZ, "acceptedAt" TIMESTAMPTZ, "revokedAt" TIMESTAMPTZ)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
  SELECT i."id", i."tenantId", t."slug", i."email", i."role", i."expiresAt", i."acceptedAt", i."revokedAt"
  FROM "public"."Invitation" i JOIN "public"."Tenant" t ON t."id" = i."tenantId"
  WHERE i."tokenHash" = p_token_hash
$$;
GRANT EXECUTE ON FUNCTION "tenantkit_system"."invitation_by_token_hash"(TEXT) TO "tenantkit_app";
RESET ROLE;

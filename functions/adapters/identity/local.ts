/**
 * Local twin of Cognito: keeps scrypt password hashes in the table (local
 * mode only) and signs ID tokens with the same claims Cognito puts in them,
 * so the API verifies both the same way.
 */
import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import type { Db } from "../../data/db.js";
import { keys } from "../../data/keys.js";
import { CLAIMS, type IdentityProvider } from "./port.js";

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString("base64")}$${hash.toString("base64")}`;
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [, salt, hash] = stored.split("$");
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length);
  return timingSafeEqual(actual, expected);
}

export function localIdentity(db: Db): IdentityProvider {
  return {
    async createUser({ username, password, merchantId, role }) {
      const subject = randomUUID();
      await db.client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...keys.localCredential(username),
            entity: "localCredential",
            subject,
            merchantId,
            groups: [role],
            enabled: true,
            passwordHash: await hashPassword(password),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      return { subject };
    },
    async setRole(username, _from, to) {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.localCredential(username),
          UpdateExpression: "SET groups = :g",
          ExpressionAttributeValues: { ":g": [to] },
        }),
      );
    },
    async setEnabled(username, enabled) {
      await db.client.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.localCredential(username),
          UpdateExpression: "SET enabled = :e",
          ExpressionAttributeValues: { ":e": enabled },
        }),
      );
    },
    async deleteUser(username) {
      await db.client.send(new DeleteCommand({ TableName: db.tableName, Key: keys.localCredential(username) }));
    },
  };
}

export interface IssuerKey {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A fresh ES256 signing key with a key id. */
export async function generateIssuerKey(): Promise<IssuerKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: "ES256", use: "sig" },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
  };
}

export interface LocalIssuer {
  /** JWKS document to serve at {issuer}/.well-known/jwks.json. */
  jwks(): { keys: JWK[] };
  /** Check a username and password and return a signed ID token, or undefined. */
  signIn(username: string, password: string): Promise<{ idToken: string; expiresIn: number } | undefined>;
}

/** The local token issuer (Cognito's stand-in). */
export async function localIssuer(
  db: Db,
  options: { issuer: string; audience: string; key: IssuerKey; ttlSeconds?: number },
): Promise<LocalIssuer> {
  const privateKey = await importJWK(options.key.privateJwk, "ES256");
  const ttl = options.ttlSeconds ?? 8 * 3600;
  return {
    jwks: () => ({ keys: [options.key.publicJwk] }),
    async signIn(rawUsername, password) {
      const username = rawUsername.trim().toLowerCase();
      const found = await db.client.send(
        new GetCommand({ TableName: db.tableName, Key: keys.localCredential(username), ConsistentRead: true }),
      );
      const credential = found.Item;
      if (!credential || !credential.enabled || !(await passwordMatches(password, credential.passwordHash)))
        return undefined;
      const claims: Record<string, unknown> = {
        [CLAIMS.groups]: credential.groups,
        [CLAIMS.username]: username,
        [CLAIMS.tokenUse]: "id",
      };
      if (credential.merchantId) claims[CLAIMS.merchantId] = credential.merchantId;
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: options.key.publicJwk.kid })
        .setSubject(credential.subject)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttl}s`)
        .sign(privateKey);
      return { idToken, expiresIn: ttl };
    },
  };
}

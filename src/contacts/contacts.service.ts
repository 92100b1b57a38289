import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { StagingRow } from '../staging/staging-row.entity.js';
import { Contact } from './contact.entity.js';

/** Namespace of the advisory lock that serialises writes to one user's contacts. */
const USER_CONTACTS_LOCK_SPACE = 2003;

@Injectable()
export class ContactsService {
  constructor(@InjectRepository(Contact) private readonly contacts: Repository<Contact>) {}

  /**
   * Until the transaction ends, no other import or review writes this user's contacts, so checks
   * against existing contacts stay exact.
   */
  async lockUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      USER_CONTACTS_LOCK_SPACE,
      userId,
    ]);
  }

  /** Whether the user has any contact (under `lockUser`, stable for the transaction). */
  async hasAny(manager: EntityManager, userId: string): Promise<boolean> {
    const [row] = (await manager.query(
      'SELECT EXISTS (SELECT 1 FROM contacts WHERE user_id = $1) AS found',
      [userId],
    )) as { found: boolean }[];
    return row.found;
  }

  /**
   * The user's contacts, newest first (ids follow creation within a user: see the ContactsKeyedByUser
   * migration); with an email, only the one with that address.
   */
  list(
    userId: string,
    limit: number,
    offset: number,
    email?: string,
  ): Promise<[Contact[], number]> {
    const query = this.contacts
      .createQueryBuilder('contact')
      .where('contact.user_id = :userId', { userId })
      .orderBy('contact.id', 'DESC')
      .take(limit)
      .skip(offset);
    // Stored addresses are lower-cased (a CHECK says so): compared as stored, the unique index finds it.
    if (email !== undefined)
      query.andWhere('contact.email = lower(:email)', { email: email.trim() });
    return query.getManyAndCount();
  }

  /**
   * Imports rows an editor approved. An approved row is the editor's decision, so it replaces an
   * existing contact with the same address; of several approved rows sharing an address, the first
   * in the file wins. Returns the ids of the rows that became contacts.
   */
  async importApproved(
    manager: EntityManager,
    userId: string,
    rows: StagingRow[],
  ): Promise<number[]> {
    const winners = new Map<string, StagingRow>();
    for (const row of [...rows].sort((a, b) => a.rowNumber - b.rowNumber)) {
      const key = row.email.toLowerCase();
      if (!winners.has(key)) winners.set(key, row);
    }
    if (winners.size === 0) return [];
    const chosen = [...winners.values()];
    await manager.query(
      `INSERT INTO contacts (user_id, staging_id, email, first_name, last_name, company)
       SELECT $1, r.id, lower(r.email), r.first_name, r.last_name, r.company
       FROM jsonb_to_recordset($2::jsonb) AS r(id integer, email text, first_name text, last_name text, company text)
       ON CONFLICT (user_id, email) DO UPDATE SET
         staging_id = EXCLUDED.staging_id, first_name = EXCLUDED.first_name,
         last_name = EXCLUDED.last_name, company = EXCLUDED.company`,
      [
        userId,
        JSON.stringify(
          chosen.map((row) => ({
            id: row.id,
            email: row.email,
            first_name: row.firstName,
            last_name: row.lastName,
            company: row.company,
          })),
        ),
      ],
    );
    return chosen.map((row) => row.id);
  }
}

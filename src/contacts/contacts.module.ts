import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { apiControllers } from '../config/app-role.js';
import { Contact } from './contact.entity.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Contact])],
  controllers: apiControllers(ContactsController),
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}

-- AlterTable
ALTER TABLE "api_event" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "api_event_seq_key" ON "api_event"("seq");

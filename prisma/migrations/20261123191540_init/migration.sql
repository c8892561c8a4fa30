-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "import_source_enum" AS ENUM ('csv', 'shotgun');

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "first_name" VARCHAR(80) NOT NULL,
    "last_name" VARCHAR(80) NOT NULL,
    "email" VARCHAR(255),
    "phone" VARCHAR(30),
    "country" VARCHAR(2),
    "contract_type" VARCHAR(255) NOT NULL DEFAULT 'open-ended',
    "active" BOOLEAN DEFAULT true,
    "archived" BOOLEAN DEFAULT false,
    "last_presence" DATE,
    "password" BYTEA,
    "desktop_login" VARCHAR(80),
    "login_failed_attemps" INTEGER DEFAULT 0,
    "last_login_failed" TIMESTAMP(6),
    "totp_enabled" BOOLEAN DEFAULT false,
    "totp_secret" VARCHAR(32),
    "email_otp_enabled" BOOLEAN DEFAULT false,
    "email_otp_secret" VARCHAR(32),
    "fido_enabled" BOOLEAN DEFAULT false,
    "fido_credentials" JSONB[],
    "otp_recovery_codes" BYTEA[],
    "preferred_two_factor_authentication" VARCHAR(255),
    "shotgun_id" INTEGER,
    "timezone" VARCHAR(50) DEFAULT 'Europe/Paris',
    "locale" VARCHAR(10) DEFAULT 'en_US',
    "use_12_hour_clock" BOOLEAN DEFAULT false,
    "display_date_format" VARCHAR(20) DEFAULT 'YYYY-MM-DD',
    "data" JSONB,
    "role" VARCHAR(255) NOT NULL DEFAULT 'user',
    "position" VARCHAR(255) DEFAULT 'artist',
    "seniority" VARCHAR(255) DEFAULT 'mid',
    "daily_salary" INTEGER DEFAULT 0,
    "has_avatar" BOOLEAN DEFAULT false,
    "notifications_enabled" BOOLEAN DEFAULT false,
    "notifications_slack_enabled" BOOLEAN DEFAULT false,
    "notifications_slack_userid" VARCHAR(60) DEFAULT '',
    "notifications_mattermost_enabled" BOOLEAN DEFAULT false,
    "notifications_mattermost_userid" VARCHAR(60) DEFAULT '',
    "notifications_discord_enabled" BOOLEAN DEFAULT false,
    "notifications_discord_userid" VARCHAR(60) DEFAULT '',
    "is_bot" BOOLEAN NOT NULL DEFAULT false,
    "is_guest" BOOLEAN NOT NULL DEFAULT false,
    "jti" VARCHAR(60),
    "expiration_date" DATE,
    "is_generated_from_ldap" BOOLEAN DEFAULT false,
    "ldap_uid" VARCHAR(60),
    "studio_id" UUID,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department_link" (
    "person_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,

    CONSTRAINT "department_link_pkey" PRIMARY KEY ("person_id","department_id")
);

-- CreateTable
CREATE TABLE "department" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "color" VARCHAR(7) NOT NULL,
    "archived" BOOLEAN DEFAULT false,

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "studio" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "color" VARCHAR(7) NOT NULL,
    "archived" BOOLEAN DEFAULT false,

    CONSTRAINT "studio_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "hours_by_day" DOUBLE PRECISION NOT NULL DEFAULT 8,
    "has_avatar" BOOLEAN DEFAULT false,
    "use_original_file_name" BOOLEAN DEFAULT false,
    "timesheets_locked" BOOLEAN DEFAULT false,
    "format_duration_in_hours" BOOLEAN DEFAULT false,
    "hd_by_default" BOOLEAN DEFAULT false,
    "chat_token_slack" VARCHAR(80) DEFAULT '',
    "chat_webhook_mattermost" VARCHAR(80) DEFAULT '',
    "chat_token_discord" VARCHAR(80) DEFAULT '',
    "dark_theme_by_default" BOOLEAN DEFAULT false,

    CONSTRAINT "organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hardware_item" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(40) NOT NULL,
    "short_name" VARCHAR(20) NOT NULL,
    "archived" BOOLEAN DEFAULT false,
    "monthly_cost" INTEGER DEFAULT 0,
    "inventory_amount" INTEGER DEFAULT 0,

    CONSTRAINT "hardware_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "software" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(40) NOT NULL,
    "short_name" VARCHAR(20) NOT NULL,
    "archived" BOOLEAN DEFAULT false,
    "version" VARCHAR(20),
    "file_extension" VARCHAR(20) NOT NULL,
    "secondary_extensions" JSONB,
    "monthly_cost" INTEGER DEFAULT 0,
    "inventory_amount" INTEGER DEFAULT 0,

    CONSTRAINT "software_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hardware_item_department_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "department_id" UUID NOT NULL,
    "hardware_item_id" UUID NOT NULL,

    CONSTRAINT "hardware_item_department_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "software_department_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "department_id" UUID NOT NULL,
    "software_id" UUID NOT NULL,

    CONSTRAINT "software_department_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "day_off" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "description" TEXT,
    "person_id" UUID,

    CONSTRAINT "day_off_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "desktop_login_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "person_id" UUID NOT NULL,
    "date" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "desktop_login_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "person_id" UUID NOT NULL,
    "ip_address" VARCHAR(50),
    "origin" VARCHAR(255),

    CONSTRAINT "login_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "code" VARCHAR(80),
    "description" TEXT,
    "shotgun_id" INTEGER,
    "file_tree" JSONB,
    "data" JSONB,
    "has_avatar" BOOLEAN DEFAULT false,
    "fps" VARCHAR(10) DEFAULT '25',
    "ratio" VARCHAR(10) DEFAULT '16:9',
    "resolution" VARCHAR(12) DEFAULT '1920x1080',
    "production_type" VARCHAR(20) DEFAULT 'short',
    "production_style" VARCHAR(255) NOT NULL DEFAULT '2d3d',
    "start_date" DATE,
    "end_date" DATE,
    "man_days" INTEGER,
    "nb_episodes" INTEGER DEFAULT 0,
    "episode_span" INTEGER DEFAULT 0,
    "max_retakes" INTEGER DEFAULT 0,
    "is_clients_isolated" BOOLEAN DEFAULT false,
    "is_preview_download_allowed" BOOLEAN DEFAULT false,
    "is_set_preview_automated" BOOLEAN DEFAULT false,
    "homepage" VARCHAR(80) DEFAULT 'assets',
    "is_publish_default_for_artists" BOOLEAN DEFAULT false,
    "is_bot_collaboration_enabled" BOOLEAN DEFAULT false,
    "is_single_preview_per_revision" BOOLEAN DEFAULT false,
    "is_frame_in_numbering" BOOLEAN DEFAULT false,
    "revision_padding" INTEGER NOT NULL DEFAULT 0,
    "hd_bitrate_compression" INTEGER DEFAULT 28,
    "ld_bitrate_compression" INTEGER DEFAULT 6,
    "project_status_id" UUID,
    "default_preview_background_file_id" UUID,
    "from_schedule_version_id" UUID,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_status" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(20) NOT NULL,
    "color" VARCHAR(7) NOT NULL,

    CONSTRAINT "project_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_person_link" (
    "project_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "shotgun_id" INTEGER,
    "role" VARCHAR(255),

    CONSTRAINT "project_person_link_pkey" PRIMARY KEY ("project_id","person_id")
);

-- CreateTable
CREATE TABLE "project_task_type_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "project_id" UUID NOT NULL,
    "task_type_id" UUID NOT NULL,
    "priority" INTEGER,

    CONSTRAINT "project_task_type_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_task_status_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "project_id" UUID NOT NULL,
    "task_status_id" UUID NOT NULL,
    "priority" INTEGER,
    "roles_for_board" VARCHAR(255)[] DEFAULT ARRAY['user', 'admin', 'supervisor', 'manager', 'vendor']::VARCHAR(255)[],

    CONSTRAINT "project_task_status_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_asset_type_link" (
    "project_id" UUID NOT NULL,
    "asset_type_id" UUID NOT NULL,

    CONSTRAINT "project_asset_type_link_pkey" PRIMARY KEY ("project_id","asset_type_id")
);

-- CreateTable
CREATE TABLE "project_status_automation_link" (
    "project_id" UUID NOT NULL,
    "status_automation_id" UUID NOT NULL,

    CONSTRAINT "project_status_automation_link_pkey" PRIMARY KEY ("project_id","status_automation_id")
);

-- CreateTable
CREATE TABLE "project_preview_background_file_link" (
    "project_id" UUID NOT NULL,
    "preview_background_file_id" UUID NOT NULL,

    CONSTRAINT "project_preview_background_file_link_pkey" PRIMARY KEY ("project_id","preview_background_file_id")
);

-- CreateTable
CREATE TABLE "project_template" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "description" TEXT,
    "fps" VARCHAR(10) DEFAULT '25',
    "ratio" VARCHAR(10) DEFAULT '16:9',
    "resolution" VARCHAR(12) DEFAULT '1920x1080',
    "production_type" VARCHAR(20) DEFAULT 'short',
    "production_style" VARCHAR(255) NOT NULL DEFAULT '2d3d',
    "max_retakes" INTEGER DEFAULT 0,
    "is_clients_isolated" BOOLEAN DEFAULT false,
    "is_preview_download_allowed" BOOLEAN DEFAULT false,
    "is_set_preview_automated" BOOLEAN DEFAULT false,
    "is_publish_default_for_artists" BOOLEAN DEFAULT false,
    "is_single_preview_per_revision" BOOLEAN DEFAULT false,
    "is_frame_in_numbering" BOOLEAN DEFAULT false,
    "revision_padding" INTEGER NOT NULL DEFAULT 0,
    "homepage" VARCHAR(80) DEFAULT 'assets',
    "hd_bitrate_compression" INTEGER DEFAULT 28,
    "ld_bitrate_compression" INTEGER DEFAULT 6,
    "file_tree" JSONB,
    "data" JSONB,
    "metadata_descriptors" JSONB DEFAULT '[]',
    "default_preview_background_file_id" UUID,

    CONSTRAINT "project_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_template_task_type_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "project_template_id" UUID NOT NULL,
    "task_type_id" UUID NOT NULL,
    "priority" INTEGER,

    CONSTRAINT "project_template_task_type_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_template_task_status_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "project_template_id" UUID NOT NULL,
    "task_status_id" UUID NOT NULL,
    "priority" INTEGER,
    "roles_for_board" VARCHAR(255)[] DEFAULT ARRAY['user', 'admin', 'supervisor', 'manager', 'vendor']::VARCHAR(255)[],

    CONSTRAINT "project_template_task_status_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_template_asset_type_link" (
    "project_template_id" UUID NOT NULL,
    "asset_type_id" UUID NOT NULL,

    CONSTRAINT "project_template_asset_type_link_pkey" PRIMARY KEY ("project_template_id","asset_type_id")
);

-- CreateTable
CREATE TABLE "project_template_status_automation_link" (
    "project_template_id" UUID NOT NULL,
    "status_automation_id" UUID NOT NULL,

    CONSTRAINT "project_template_status_automation_link_pkey" PRIMARY KEY ("project_template_id","status_automation_id")
);

-- CreateTable
CREATE TABLE "project_template_preview_background_file_link" (
    "project_template_id" UUID NOT NULL,
    "preview_background_file_id" UUID NOT NULL,

    CONSTRAINT "project_template_preview_background_file_link_pkey" PRIMARY KEY ("project_template_id","preview_background_file_id")
);

-- CreateTable
CREATE TABLE "metadata_descriptor" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "project_id" UUID NOT NULL,
    "entity_type" VARCHAR(60) NOT NULL,
    "task_type_id" UUID,
    "name" VARCHAR(120) NOT NULL,
    "data_type" VARCHAR(255),
    "field_name" VARCHAR(120) NOT NULL,
    "choices" JSONB,
    "for_client" BOOLEAN DEFAULT false,
    "position" INTEGER,

    CONSTRAINT "metadata_descriptor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department_metadata_descriptor_link" (
    "metadata_descriptor_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,

    CONSTRAINT "department_metadata_descriptor_link_pkey" PRIMARY KEY ("metadata_descriptor_id","department_id")
);

-- CreateTable
CREATE TABLE "entity" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(160) NOT NULL,
    "code" VARCHAR(160),
    "description" TEXT,
    "shotgun_id" INTEGER,
    "canceled" BOOLEAN DEFAULT false,
    "nb_frames" INTEGER,
    "nb_entities_out" INTEGER DEFAULT 0,
    "is_casting_standby" BOOLEAN DEFAULT false,
    "is_shared" BOOLEAN NOT NULL DEFAULT false,
    "status" VARCHAR(255) NOT NULL DEFAULT 'running',
    "project_id" UUID NOT NULL,
    "entity_type_id" UUID NOT NULL,
    "parent_id" UUID,
    "source_id" UUID,
    "preview_file_id" UUID,
    "data" JSONB,
    "ready_for" UUID,
    "created_by" UUID,

    CONSTRAINT "entity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_type" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(30) NOT NULL,
    "short_name" VARCHAR(20),
    "description" TEXT,
    "archived" BOOLEAN DEFAULT false,

    CONSTRAINT "entity_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_type_asset_type_link" (
    "asset_type_id" UUID NOT NULL,
    "task_type_id" UUID NOT NULL,

    CONSTRAINT "task_type_asset_type_link_pkey" PRIMARY KEY ("asset_type_id","task_type_id")
);

-- CreateTable
CREATE TABLE "entity_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "entity_in_id" UUID NOT NULL,
    "entity_out_id" UUID NOT NULL,
    "data" JSONB,
    "nb_occurences" INTEGER DEFAULT 1,
    "label" VARCHAR(80) DEFAULT '',

    CONSTRAINT "entity_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_concept_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "entity_in_id" UUID NOT NULL,
    "entity_out_id" UUID NOT NULL,

    CONSTRAINT "entity_concept_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entity_version" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(160) NOT NULL,
    "data" JSONB,
    "entity_id" UUID,
    "person_id" UUID,

    CONSTRAINT "entity_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "asset_instance" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "asset_id" UUID NOT NULL,
    "name" VARCHAR(80),
    "number" INTEGER,
    "description" VARCHAR(200),
    "active" BOOLEAN DEFAULT true,
    "data" JSONB,
    "scene_id" UUID,
    "target_asset_id" UUID,
    "entity_id" UUID,
    "entity_type_id" UUID,

    CONSTRAINT "asset_instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "asset_instance_link" (
    "entity_id" UUID NOT NULL,
    "asset_instance_id" UUID NOT NULL,

    CONSTRAINT "asset_instance_link_pkey" PRIMARY KEY ("entity_id","asset_instance_id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "description" TEXT,
    "priority" INTEGER DEFAULT 0,
    "difficulty" INTEGER NOT NULL DEFAULT 3,
    "duration" DOUBLE PRECISION DEFAULT 0,
    "estimation" DOUBLE PRECISION DEFAULT 0,
    "completion_rate" INTEGER DEFAULT 0,
    "retake_count" INTEGER DEFAULT 0,
    "sort_order" INTEGER DEFAULT 0,
    "start_date" TIMESTAMP(6),
    "due_date" TIMESTAMP(6),
    "real_start_date" TIMESTAMP(6),
    "end_date" TIMESTAMP(6),
    "done_date" TIMESTAMP(6),
    "last_comment_date" TIMESTAMP(6),
    "nb_assets_ready" INTEGER DEFAULT 0,
    "data" JSONB,
    "nb_drawings" INTEGER DEFAULT 0,
    "shotgun_id" INTEGER,
    "last_preview_file_id" UUID,
    "project_id" UUID,
    "task_type_id" UUID,
    "task_status_id" UUID,
    "entity_id" UUID,
    "assigner_id" UUID,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_person_link" (
    "task_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,

    CONSTRAINT "assignations_pkey" PRIMARY KEY ("task_id","person_id")
);

-- CreateTable
CREATE TABLE "task_type" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(40) NOT NULL,
    "short_name" VARCHAR(20),
    "description" TEXT,
    "color" VARCHAR(7) DEFAULT '#FFFFFF',
    "priority" INTEGER DEFAULT 1,
    "for_entity" VARCHAR(30) DEFAULT 'Asset',
    "allow_timelog" BOOLEAN DEFAULT true,
    "archived" BOOLEAN DEFAULT false,
    "shotgun_id" INTEGER,
    "department_id" UUID,

    CONSTRAINT "task_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_status" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(40) NOT NULL,
    "archived" BOOLEAN DEFAULT false,
    "short_name" VARCHAR(10) NOT NULL,
    "description" TEXT,
    "color" VARCHAR(7) NOT NULL,
    "priority" INTEGER DEFAULT 1,
    "is_done" BOOLEAN DEFAULT false,
    "is_artist_allowed" BOOLEAN DEFAULT true,
    "is_client_allowed" BOOLEAN DEFAULT true,
    "is_retake" BOOLEAN DEFAULT false,
    "is_feedback_request" BOOLEAN DEFAULT false,
    "is_default" BOOLEAN DEFAULT false,
    "is_wip" BOOLEAN DEFAULT false,
    "shotgun_id" INTEGER,
    "for_concept" BOOLEAN DEFAULT false,

    CONSTRAINT "task_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "time_spent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "duration" DOUBLE PRECISION NOT NULL,
    "date" DATE NOT NULL,
    "task_id" UUID,
    "person_id" UUID,

    CONSTRAINT "time_spent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_automation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "entity_type" VARCHAR(40) DEFAULT 'asset',
    "in_task_type_id" UUID,
    "in_task_status_id" UUID,
    "out_field_type" VARCHAR(255) NOT NULL DEFAULT 'status',
    "out_task_type_id" UUID,
    "out_task_status_id" UUID,
    "import_last_revision" BOOLEAN DEFAULT false,
    "archived" BOOLEAN DEFAULT false,

    CONSTRAINT "status_automation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "shotgun_id" INTEGER,
    "object_id" UUID NOT NULL,
    "object_type" VARCHAR(80) NOT NULL,
    "text" TEXT,
    "data" JSONB,
    "replies" JSONB DEFAULT '[]',
    "checklist" JSONB,
    "pinned" BOOLEAN,
    "for_client" BOOLEAN DEFAULT false,
    "links" VARCHAR[],
    "task_status_id" UUID,
    "person_id" UUID NOT NULL,
    "editor_id" UUID,
    "preview_file_id" UUID,

    CONSTRAINT "comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_preview_link" (
    "comment" UUID NOT NULL,
    "preview_file" UUID NOT NULL,

    CONSTRAINT "comment_preview_link_pkey" PRIMARY KEY ("comment","preview_file")
);

-- CreateTable
CREATE TABLE "comment_mentions" (
    "comment" UUID NOT NULL,
    "person" UUID NOT NULL,

    CONSTRAINT "comment_mentions_pkey" PRIMARY KEY ("comment","person")
);

-- CreateTable
CREATE TABLE "comment_department_mentions" (
    "comment" UUID NOT NULL,
    "department" UUID NOT NULL,

    CONSTRAINT "comment_department_mentions_pkey" PRIMARY KEY ("comment","department")
);

-- CreateTable
CREATE TABLE "comment_acknoledgments" (
    "comment" UUID NOT NULL,
    "person" UUID NOT NULL,

    CONSTRAINT "comment_acknoledgments_pkey" PRIMARY KEY ("comment","person")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "read" BOOLEAN NOT NULL DEFAULT false,
    "change" BOOLEAN NOT NULL DEFAULT false,
    "type" VARCHAR(255) NOT NULL,
    "person_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "comment_id" UUID,
    "task_id" UUID,
    "playlist_id" UUID,
    "reply_id" UUID,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscription" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "person_id" UUID NOT NULL,
    "task_id" UUID,
    "entity_id" UUID,
    "task_type_id" UUID,

    CONSTRAINT "subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "news" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "change" BOOLEAN NOT NULL DEFAULT false,
    "author_id" UUID NOT NULL,
    "comment_id" UUID,
    "task_id" UUID NOT NULL,
    "preview_file_id" UUID,

    CONSTRAINT "news_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "object_id" UUID NOT NULL,
    "object_type" VARCHAR(80) NOT NULL DEFAULT 'entity',
    "last_message" TIMESTAMP(6),

    CONSTRAINT "chat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat_participant" (
    "chat_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,

    CONSTRAINT "chat_participant_pkey" PRIMARY KEY ("chat_id","person_id")
);

-- CreateTable
CREATE TABLE "chat_message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "chat_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "text" TEXT,

    CONSTRAINT "chat_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preview_file" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(250),
    "original_name" VARCHAR(250),
    "revision" INTEGER DEFAULT 1,
    "position" INTEGER DEFAULT 1,
    "extension" VARCHAR(6),
    "description" TEXT,
    "path" VARCHAR(400),
    "source" VARCHAR(40),
    "file_size" BIGINT DEFAULT 0,
    "status" VARCHAR(255) NOT NULL DEFAULT 'processing',
    "validation_status" VARCHAR(255) NOT NULL DEFAULT 'neutral',
    "annotations" JSONB,
    "width" INTEGER DEFAULT 0,
    "height" INTEGER DEFAULT 0,
    "duration" DOUBLE PRECISION DEFAULT 0,
    "data" JSONB,
    "token_in" INTEGER,
    "token_out" INTEGER,
    "task_id" UUID,
    "person_id" UUID,
    "source_file_id" UUID,
    "shotgun_id" INTEGER,
    "is_movie" BOOLEAN DEFAULT false,
    "url" VARCHAR(600),
    "uploaded_movie_url" VARCHAR(600),
    "uploaded_movie_name" VARCHAR(150),

    CONSTRAINT "preview_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "output_file" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "shotgun_id" INTEGER,
    "name" VARCHAR(250) NOT NULL,
    "canceled" BOOLEAN NOT NULL DEFAULT false,
    "size" INTEGER,
    "checksum" VARCHAR(32),
    "description" TEXT,
    "comment" TEXT,
    "extension" VARCHAR(10),
    "revision" INTEGER NOT NULL,
    "representation" VARCHAR(20),
    "nb_elements" INTEGER DEFAULT 1,
    "source" VARCHAR(40),
    "path" VARCHAR(400),
    "data" JSONB,
    "file_status_id" UUID NOT NULL,
    "entity_id" UUID,
    "asset_instance_id" UUID,
    "output_type_id" UUID,
    "task_type_id" UUID,
    "person_id" UUID,
    "source_file_id" UUID,
    "temporal_entity_id" UUID,

    CONSTRAINT "output_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "working_file" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "shotgun_id" INTEGER,
    "name" VARCHAR(250),
    "description" TEXT,
    "comment" TEXT,
    "revision" INTEGER,
    "size" INTEGER,
    "checksum" INTEGER,
    "path" VARCHAR(400),
    "data" JSONB,
    "task_id" UUID,
    "entity_id" UUID,
    "person_id" UUID,
    "software_id" UUID,

    CONSTRAINT "working_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachment_file" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(250),
    "size" BIGINT DEFAULT 1,
    "extension" VARCHAR(6),
    "mimetype" VARCHAR(255),
    "comment_id" UUID,
    "reply_id" UUID,
    "chat_message_id" UUID,

    CONSTRAINT "attachment_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "output_type" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(40) NOT NULL,
    "short_name" VARCHAR(20) NOT NULL,

    CONSTRAINT "output_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "file_status" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(40) NOT NULL,
    "color" VARCHAR(7) NOT NULL,

    CONSTRAINT "file_status_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preview_background_file" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(40) NOT NULL,
    "archived" BOOLEAN DEFAULT false,
    "is_default" BOOLEAN DEFAULT false,
    "original_name" VARCHAR(250),
    "extension" VARCHAR(6),
    "file_size" BIGINT DEFAULT 0,

    CONSTRAINT "preview_background_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "playlist" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "shots" JSONB,
    "project_id" UUID,
    "episode_id" UUID,
    "task_type_id" UUID,
    "for_client" BOOLEAN DEFAULT false,
    "for_entity" VARCHAR(10) DEFAULT 'shot',
    "is_for_all" BOOLEAN DEFAULT false,
    "created_by" UUID,

    CONSTRAINT "playlist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "playlist_share_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "token" VARCHAR(64) NOT NULL,
    "playlist_id" UUID NOT NULL,
    "created_by" UUID NOT NULL,
    "expiration_date" TIMESTAMP(6),
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "can_comment" BOOLEAN NOT NULL DEFAULT true,
    "password" VARCHAR(255),

    CONSTRAINT "playlist_share_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "build_job" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "status" VARCHAR(255) NOT NULL DEFAULT 'running',
    "job_type" VARCHAR(255) NOT NULL DEFAULT 'movie',
    "ended_at" TIMESTAMP(6),
    "playlist_id" UUID NOT NULL,

    CONSTRAINT "build_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_item" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "start_date" DATE,
    "end_date" DATE,
    "man_days" INTEGER,
    "project_id" UUID,
    "task_type_id" UUID,
    "object_id" UUID,

    CONSTRAINT "schedule_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "milestone" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "date" DATE,
    "name" VARCHAR(40) NOT NULL,
    "project_id" UUID,
    "task_type_id" UUID,

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "production_schedule_version" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "project_id" UUID NOT NULL,
    "production_schedule_from" UUID,
    "locked" BOOLEAN DEFAULT false,
    "canceled" BOOLEAN DEFAULT false,

    CONSTRAINT "production_schedule_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "production_schedule_version_task_link" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "production_schedule_version_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "start_date" TIMESTAMP(6),
    "due_date" TIMESTAMP(6),
    "estimation" DOUBLE PRECISION DEFAULT 0,

    CONSTRAINT "production_schedule_version_task_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "production_schedule_version_task_link_person_link" (
    "production_schedule_version_task_link_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,

    CONSTRAINT "production_schedule_version_task_link_person_link_pkey" PRIMARY KEY ("production_schedule_version_task_link_id","person_id")
);

-- CreateTable
CREATE TABLE "budget" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "project_id" UUID,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "name" VARCHAR(255) NOT NULL,
    "currency" VARCHAR(3),

    CONSTRAINT "budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget_entry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "budget_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "person_id" UUID,
    "start_date" DATE NOT NULL,
    "months_duration" INTEGER NOT NULL,
    "daily_salary" DOUBLE PRECISION NOT NULL,
    "position" VARCHAR(255) DEFAULT 'artist',
    "seniority" VARCHAR(255) DEFAULT 'mid',
    "exceptions" JSONB,

    CONSTRAINT "budget_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "salary_scale" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "department_id" UUID NOT NULL,
    "position" VARCHAR(255) DEFAULT 'artist',
    "seniority" VARCHAR(255) DEFAULT 'mid',
    "salary" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "salary_scale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_event" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "user_id" UUID,
    "project_id" UUID,
    "data" JSONB,

    CONSTRAINT "api_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "custom_action" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(80) NOT NULL,
    "url" VARCHAR(400),
    "entity_type" VARCHAR(40) DEFAULT 'all',
    "is_ajax" BOOLEAN DEFAULT false,

    CONSTRAINT "custom_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "data_import_error" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "event_data" JSONB NOT NULL,
    "source" "import_source_enum",

    CONSTRAINT "data_import_error_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plugin" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "plugin_id" VARCHAR(80) NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "description" TEXT,
    "version" VARCHAR(50) NOT NULL,
    "maintainer_name" VARCHAR(200) NOT NULL,
    "maintainer_email" VARCHAR(255),
    "website" TEXT,
    "license" VARCHAR(80) NOT NULL,
    "revision" VARCHAR(12),
    "frontend_project_enabled" BOOLEAN DEFAULT false,
    "frontend_studio_enabled" BOOLEAN DEFAULT false,
    "icon" VARCHAR(255),

    CONSTRAINT "plugin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_filter" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "list_type" VARCHAR(80) NOT NULL,
    "entity_type" VARCHAR(80),
    "name" VARCHAR(200) NOT NULL DEFAULT '',
    "search_query" VARCHAR(500) NOT NULL DEFAULT '',
    "is_shared" BOOLEAN NOT NULL DEFAULT false,
    "department_id" UUID,
    "search_filter_group_id" UUID,
    "person_id" UUID,
    "project_id" UUID,

    CONSTRAINT "search_filter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_filter_group" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "created_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP,
    "list_type" VARCHAR(80) NOT NULL,
    "entity_type" VARCHAR(80),
    "name" VARCHAR(200) NOT NULL DEFAULT '',
    "color" VARCHAR(8) NOT NULL DEFAULT '',
    "is_shared" BOOLEAN NOT NULL DEFAULT false,
    "person_id" UUID,
    "project_id" UUID,
    "department_id" UUID,

    CONSTRAINT "search_filter_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revoked_token" (
    "jti" UUID NOT NULL,
    "expires_at" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "revoked_token_pkey" PRIMARY KEY ("jti")
);

-- CreateTable
CREATE TABLE "auth_token" (
    "kind" VARCHAR(40) NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "token" TEXT NOT NULL,
    "expires_at" TIMESTAMP(6) NOT NULL,
    "created_at" TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_token_pkey" PRIMARY KEY ("kind","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "person_shotgun_id_key" ON "person"("shotgun_id");

-- CreateIndex
CREATE UNIQUE INDEX "person_jti_key" ON "person"("jti");

-- CreateIndex
CREATE UNIQUE INDEX "person_ldap_uid_key" ON "person"("ldap_uid");

-- CreateIndex
CREATE INDEX "person_email_idx" ON "person"("email");

-- CreateIndex
CREATE INDEX "person_studio_id_idx" ON "person"("studio_id");

-- CreateIndex
CREATE INDEX "department_link_person_id_idx" ON "department_link"("person_id");

-- CreateIndex
CREATE INDEX "department_link_department_id_idx" ON "department_link"("department_id");

-- CreateIndex
CREATE UNIQUE INDEX "department_link_uc" ON "department_link"("person_id", "department_id");

-- CreateIndex
CREATE UNIQUE INDEX "department_name_key" ON "department"("name");

-- CreateIndex
CREATE UNIQUE INDEX "studio_name_key" ON "studio"("name");

-- CreateIndex
CREATE UNIQUE INDEX "organisation_name_key" ON "organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "hardware_item_name_key" ON "hardware_item"("name");

-- CreateIndex
CREATE UNIQUE INDEX "software_name_key" ON "software"("name");

-- CreateIndex
CREATE INDEX "hardware_item_department_link_department_id_idx" ON "hardware_item_department_link"("department_id");

-- CreateIndex
CREATE INDEX "hardware_item_department_link_hardware_item_id_idx" ON "hardware_item_department_link"("hardware_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "hardware_item_department_link_uc" ON "hardware_item_department_link"("hardware_item_id", "department_id");

-- CreateIndex
CREATE INDEX "software_department_link_department_id_idx" ON "software_department_link"("department_id");

-- CreateIndex
CREATE INDEX "software_department_link_software_id_idx" ON "software_department_link"("software_id");

-- CreateIndex
CREATE UNIQUE INDEX "software_department_link_uc" ON "software_department_link"("department_id", "software_id");

-- CreateIndex
CREATE INDEX "day_off_person_id_idx" ON "day_off"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "day_off_uc" ON "day_off"("person_id", "date");

-- CreateIndex
CREATE INDEX "desktop_login_log_person_id_idx" ON "desktop_login_log"("person_id");

-- CreateIndex
CREATE INDEX "login_log_person_id_idx" ON "login_log"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_name_key" ON "project"("name");

-- CreateIndex
CREATE INDEX "project_project_status_id_idx" ON "project"("project_status_id");

-- CreateIndex
CREATE INDEX "project_default_preview_background_file_id_idx" ON "project"("default_preview_background_file_id");

-- CreateIndex
CREATE INDEX "project_from_schedule_version_id_idx" ON "project"("from_schedule_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_status_name_key" ON "project_status"("name");

-- CreateIndex
CREATE INDEX "project_person_link_project_id_idx" ON "project_person_link"("project_id");

-- CreateIndex
CREATE INDEX "project_person_link_person_id_idx" ON "project_person_link"("person_id");

-- CreateIndex
CREATE INDEX "project_task_type_link_project_id_idx" ON "project_task_type_link"("project_id");

-- CreateIndex
CREATE INDEX "project_task_type_link_task_type_id_idx" ON "project_task_type_link"("task_type_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_tasktype_uc" ON "project_task_type_link"("project_id", "task_type_id");

-- CreateIndex
CREATE INDEX "project_task_status_link_project_id_idx" ON "project_task_status_link"("project_id");

-- CreateIndex
CREATE INDEX "project_task_status_link_task_status_id_idx" ON "project_task_status_link"("task_status_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_taskstatus_uc" ON "project_task_status_link"("project_id", "task_status_id");

-- CreateIndex
CREATE INDEX "project_asset_type_link_project_id_idx" ON "project_asset_type_link"("project_id");

-- CreateIndex
CREATE INDEX "project_asset_type_link_asset_type_id_idx" ON "project_asset_type_link"("asset_type_id");

-- CreateIndex
CREATE INDEX "project_status_automation_link_project_id_idx" ON "project_status_automation_link"("project_id");

-- CreateIndex
CREATE INDEX "project_status_automation_link_status_automation_id_idx" ON "project_status_automation_link"("status_automation_id");

-- CreateIndex
CREATE INDEX "project_preview_background_file_link_project_id_idx" ON "project_preview_background_file_link"("project_id");

-- CreateIndex
CREATE INDEX "project_preview_background_file_link_preview_background_fil_idx" ON "project_preview_background_file_link"("preview_background_file_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_template_name_key" ON "project_template"("name");

-- CreateIndex
CREATE INDEX "project_template_default_preview_background_file_id_idx" ON "project_template"("default_preview_background_file_id");

-- CreateIndex
CREATE INDEX "project_template_task_type_link_project_template_id_idx" ON "project_template_task_type_link"("project_template_id");

-- CreateIndex
CREATE INDEX "project_template_task_type_link_task_type_id_idx" ON "project_template_task_type_link"("task_type_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_template_tasktype_uc" ON "project_template_task_type_link"("project_template_id", "task_type_id");

-- CreateIndex
CREATE INDEX "project_template_task_status_link_project_template_id_idx" ON "project_template_task_status_link"("project_template_id");

-- CreateIndex
CREATE INDEX "project_template_task_status_link_task_status_id_idx" ON "project_template_task_status_link"("task_status_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_template_taskstatus_uc" ON "project_template_task_status_link"("project_template_id", "task_status_id");

-- CreateIndex
CREATE INDEX "project_template_asset_type_link_project_template_id_idx" ON "project_template_asset_type_link"("project_template_id");

-- CreateIndex
CREATE INDEX "project_template_asset_type_link_asset_type_id_idx" ON "project_template_asset_type_link"("asset_type_id");

-- CreateIndex
CREATE INDEX "project_template_status_automation_link_project_template_id_idx" ON "project_template_status_automation_link"("project_template_id");

-- CreateIndex
CREATE INDEX "project_template_status_automation_link_status_automation_i_idx" ON "project_template_status_automation_link"("status_automation_id");

-- CreateIndex
CREATE INDEX "project_template_preview_background_file_link_project_templ_idx" ON "project_template_preview_background_file_link"("project_template_id");

-- CreateIndex
CREATE INDEX "project_template_preview_background_file_link_preview_backg_idx" ON "project_template_preview_background_file_link"("preview_background_file_id");

-- CreateIndex
CREATE INDEX "metadata_descriptor_entity_type_idx" ON "metadata_descriptor"("entity_type");

-- CreateIndex
CREATE INDEX "metadata_descriptor_for_client_idx" ON "metadata_descriptor"("for_client");

-- CreateIndex
CREATE INDEX "metadata_descriptor_project_id_idx" ON "metadata_descriptor"("project_id");

-- CreateIndex
CREATE INDEX "metadata_descriptor_task_type_id_idx" ON "metadata_descriptor"("task_type_id");

-- CreateIndex
CREATE INDEX "department_metadata_descriptor_link_metadata_descriptor_id_idx" ON "department_metadata_descriptor_link"("metadata_descriptor_id");

-- CreateIndex
CREATE INDEX "department_metadata_descriptor_link_department_id_idx" ON "department_metadata_descriptor_link"("department_id");

-- CreateIndex
CREATE UNIQUE INDEX "department_metadata_descriptor_link_uc" ON "department_metadata_descriptor_link"("metadata_descriptor_id", "department_id");

-- CreateIndex
CREATE INDEX "entity_status_idx" ON "entity"("status");

-- CreateIndex
CREATE INDEX "ix_entity_project_type_status" ON "entity"("project_id", "entity_type_id", "status");

-- CreateIndex
CREATE INDEX "ix_entity_entity_type_parent" ON "entity"("entity_type_id", "parent_id");

-- CreateIndex
CREATE INDEX "ix_entity_entity_type_project" ON "entity"("entity_type_id", "project_id");

-- CreateIndex
CREATE INDEX "entity_project_id_updated_at_created_at_id_idx" ON "entity"("project_id", "updated_at" DESC, "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "entity_project_id_idx" ON "entity"("project_id");

-- CreateIndex
CREATE INDEX "entity_entity_type_id_idx" ON "entity"("entity_type_id");

-- CreateIndex
CREATE INDEX "entity_parent_id_idx" ON "entity"("parent_id");

-- CreateIndex
CREATE INDEX "entity_source_id_idx" ON "entity"("source_id");

-- CreateIndex
CREATE INDEX "entity_preview_file_id_idx" ON "entity"("preview_file_id");

-- CreateIndex
CREATE INDEX "entity_ready_for_idx" ON "entity"("ready_for");

-- CreateIndex
CREATE INDEX "entity_created_by_idx" ON "entity"("created_by");

-- CreateIndex
CREATE UNIQUE INDEX "entity_uc" ON "entity"("name", "project_id", "entity_type_id", "parent_id");

-- CreateIndex
CREATE UNIQUE INDEX "entity_type_name_key" ON "entity_type"("name");

-- CreateIndex
CREATE INDEX "task_type_asset_type_link_asset_type_id_idx" ON "task_type_asset_type_link"("asset_type_id");

-- CreateIndex
CREATE INDEX "task_type_asset_type_link_task_type_id_idx" ON "task_type_asset_type_link"("task_type_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_type_asset_type_link_uc" ON "task_type_asset_type_link"("asset_type_id", "task_type_id");

-- CreateIndex
CREATE INDEX "entity_link_entity_in_id_idx" ON "entity_link"("entity_in_id");

-- CreateIndex
CREATE INDEX "entity_link_entity_out_id_idx" ON "entity_link"("entity_out_id");

-- CreateIndex
CREATE UNIQUE INDEX "entity_link_uc" ON "entity_link"("entity_in_id", "entity_out_id");

-- CreateIndex
CREATE INDEX "entity_concept_link_entity_in_id_idx" ON "entity_concept_link"("entity_in_id");

-- CreateIndex
CREATE INDEX "entity_concept_link_entity_out_id_idx" ON "entity_concept_link"("entity_out_id");

-- CreateIndex
CREATE UNIQUE INDEX "entity_concept_link_uc" ON "entity_concept_link"("entity_in_id", "entity_out_id");

-- CreateIndex
CREATE INDEX "entity_version_entity_id_idx" ON "entity_version"("entity_id");

-- CreateIndex
CREATE INDEX "entity_version_person_id_idx" ON "entity_version"("person_id");

-- CreateIndex
CREATE INDEX "asset_instance_asset_id_idx" ON "asset_instance"("asset_id");

-- CreateIndex
CREATE INDEX "asset_instance_scene_id_idx" ON "asset_instance"("scene_id");

-- CreateIndex
CREATE INDEX "asset_instance_target_asset_id_idx" ON "asset_instance"("target_asset_id");

-- CreateIndex
CREATE INDEX "asset_instance_entity_id_idx" ON "asset_instance"("entity_id");

-- CreateIndex
CREATE INDEX "asset_instance_entity_type_id_idx" ON "asset_instance"("entity_type_id");

-- CreateIndex
CREATE UNIQUE INDEX "asset_instance_uc" ON "asset_instance"("asset_id", "target_asset_id", "scene_id", "number");

-- CreateIndex
CREATE INDEX "asset_instance_link_entity_id_idx" ON "asset_instance_link"("entity_id");

-- CreateIndex
CREATE INDEX "asset_instance_link_asset_instance_id_idx" ON "asset_instance_link"("asset_instance_id");

-- CreateIndex
CREATE INDEX "ix_task_entity_project" ON "task"("entity_id", "project_id");

-- CreateIndex
CREATE INDEX "task_project_id_updated_at_created_at_id_idx" ON "task"("project_id", "updated_at" DESC, "created_at" DESC, "id");

-- CreateIndex
CREATE INDEX "task_project_id_idx" ON "task"("project_id");

-- CreateIndex
CREATE INDEX "task_task_type_id_idx" ON "task"("task_type_id");

-- CreateIndex
CREATE INDEX "task_task_status_id_idx" ON "task"("task_status_id");

-- CreateIndex
CREATE INDEX "task_entity_id_idx" ON "task"("entity_id");

-- CreateIndex
CREATE INDEX "task_assigner_id_idx" ON "task"("assigner_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_uc" ON "task"("name", "project_id", "task_type_id", "entity_id");

-- CreateIndex
CREATE INDEX "task_person_link_task_id_idx" ON "task_person_link"("task_id");

-- CreateIndex
CREATE INDEX "task_person_link_person_id_idx" ON "task_person_link"("person_id");

-- CreateIndex
CREATE INDEX "task_type_shotgun_id_idx" ON "task_type"("shotgun_id");

-- CreateIndex
CREATE INDEX "task_type_department_id_idx" ON "task_type"("department_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_type_uc" ON "task_type"("name", "for_entity", "department_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_status_short_name_key" ON "task_status"("short_name");

-- CreateIndex
CREATE INDEX "task_status_is_done_idx" ON "task_status"("is_done");

-- CreateIndex
CREATE INDEX "task_status_is_feedback_request_idx" ON "task_status"("is_feedback_request");

-- CreateIndex
CREATE INDEX "task_status_is_default_idx" ON "task_status"("is_default");

-- CreateIndex
CREATE INDEX "task_status_is_wip_idx" ON "task_status"("is_wip");

-- CreateIndex
CREATE INDEX "time_spent_task_id_idx" ON "time_spent"("task_id");

-- CreateIndex
CREATE INDEX "time_spent_person_id_idx" ON "time_spent"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "time_spent_uc" ON "time_spent"("person_id", "task_id", "date");

-- CreateIndex
CREATE INDEX "status_automation_in_task_type_id_idx" ON "status_automation"("in_task_type_id");

-- CreateIndex
CREATE INDEX "status_automation_in_task_status_id_idx" ON "status_automation"("in_task_status_id");

-- CreateIndex
CREATE INDEX "status_automation_out_task_type_id_idx" ON "status_automation"("out_task_type_id");

-- CreateIndex
CREATE INDEX "status_automation_out_task_status_id_idx" ON "status_automation"("out_task_status_id");

-- CreateIndex
CREATE INDEX "comment_object_id_idx" ON "comment"("object_id");

-- CreateIndex
CREATE INDEX "comment_object_type_idx" ON "comment"("object_type");

-- CreateIndex
CREATE INDEX "comment_task_status_id_idx" ON "comment"("task_status_id");

-- CreateIndex
CREATE INDEX "comment_person_id_idx" ON "comment"("person_id");

-- CreateIndex
CREATE INDEX "comment_editor_id_idx" ON "comment"("editor_id");

-- CreateIndex
CREATE INDEX "comment_preview_file_id_idx" ON "comment"("preview_file_id");

-- CreateIndex
CREATE INDEX "comment_preview_link_comment_idx" ON "comment_preview_link"("comment");

-- CreateIndex
CREATE INDEX "comment_preview_link_preview_file_idx" ON "comment_preview_link"("preview_file");

-- CreateIndex
CREATE INDEX "comment_mentions_comment_idx" ON "comment_mentions"("comment");

-- CreateIndex
CREATE INDEX "comment_mentions_person_idx" ON "comment_mentions"("person");

-- CreateIndex
CREATE INDEX "comment_department_mentions_comment_idx" ON "comment_department_mentions"("comment");

-- CreateIndex
CREATE INDEX "comment_department_mentions_department_idx" ON "comment_department_mentions"("department");

-- CreateIndex
CREATE INDEX "comment_acknoledgments_comment_idx" ON "comment_acknoledgments"("comment");

-- CreateIndex
CREATE INDEX "comment_acknoledgments_person_idx" ON "comment_acknoledgments"("person");

-- CreateIndex
CREATE INDEX "notification_reply_id_idx" ON "notification"("reply_id");

-- CreateIndex
CREATE INDEX "notification_person_id_idx" ON "notification"("person_id");

-- CreateIndex
CREATE INDEX "notification_author_id_idx" ON "notification"("author_id");

-- CreateIndex
CREATE INDEX "notification_comment_id_idx" ON "notification"("comment_id");

-- CreateIndex
CREATE INDEX "notification_task_id_idx" ON "notification"("task_id");

-- CreateIndex
CREATE INDEX "notification_playlist_id_idx" ON "notification"("playlist_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_uc" ON "notification"("person_id", "author_id", "comment_id", "reply_id", "playlist_id", "type");

-- CreateIndex
CREATE INDEX "subscription_person_id_idx" ON "subscription"("person_id");

-- CreateIndex
CREATE INDEX "subscription_task_id_idx" ON "subscription"("task_id");

-- CreateIndex
CREATE INDEX "subscription_entity_id_idx" ON "subscription"("entity_id");

-- CreateIndex
CREATE INDEX "subscription_task_type_id_idx" ON "subscription"("task_type_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_task_uc" ON "subscription"("person_id", "task_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_entity_uc" ON "subscription"("person_id", "task_type_id", "entity_id");

-- CreateIndex
CREATE INDEX "news_author_id_idx" ON "news"("author_id");

-- CreateIndex
CREATE INDEX "news_comment_id_idx" ON "news"("comment_id");

-- CreateIndex
CREATE INDEX "news_task_id_idx" ON "news"("task_id");

-- CreateIndex
CREATE INDEX "news_preview_file_id_idx" ON "news"("preview_file_id");

-- CreateIndex
CREATE INDEX "chat_object_id_idx" ON "chat"("object_id");

-- CreateIndex
CREATE INDEX "chat_object_type_idx" ON "chat"("object_type");

-- CreateIndex
CREATE INDEX "chat_participant_chat_id_idx" ON "chat_participant"("chat_id");

-- CreateIndex
CREATE INDEX "chat_participant_person_id_idx" ON "chat_participant"("person_id");

-- CreateIndex
CREATE INDEX "chat_message_chat_id_idx" ON "chat_message"("chat_id");

-- CreateIndex
CREATE INDEX "chat_message_person_id_idx" ON "chat_message"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "preview_file_shotgun_id_key" ON "preview_file"("shotgun_id");

-- CreateIndex
CREATE INDEX "preview_file_task_id_idx" ON "preview_file"("task_id");

-- CreateIndex
CREATE INDEX "preview_file_person_id_idx" ON "preview_file"("person_id");

-- CreateIndex
CREATE INDEX "preview_file_source_file_id_idx" ON "preview_file"("source_file_id");

-- CreateIndex
CREATE UNIQUE INDEX "preview_uc" ON "preview_file"("name", "task_id", "revision");

-- CreateIndex
CREATE INDEX "output_file_representation_idx" ON "output_file"("representation");

-- CreateIndex
CREATE INDEX "output_file_file_status_id_idx" ON "output_file"("file_status_id");

-- CreateIndex
CREATE INDEX "output_file_entity_id_idx" ON "output_file"("entity_id");

-- CreateIndex
CREATE INDEX "output_file_asset_instance_id_idx" ON "output_file"("asset_instance_id");

-- CreateIndex
CREATE INDEX "output_file_output_type_id_idx" ON "output_file"("output_type_id");

-- CreateIndex
CREATE INDEX "output_file_task_type_id_idx" ON "output_file"("task_type_id");

-- CreateIndex
CREATE INDEX "output_file_person_id_idx" ON "output_file"("person_id");

-- CreateIndex
CREATE INDEX "output_file_source_file_id_idx" ON "output_file"("source_file_id");

-- CreateIndex
CREATE INDEX "output_file_temporal_entity_id_idx" ON "output_file"("temporal_entity_id");

-- CreateIndex
CREATE UNIQUE INDEX "output_file_uc" ON "output_file"("name", "entity_id", "asset_instance_id", "output_type_id", "task_type_id", "temporal_entity_id", "representation", "revision");

-- CreateIndex
CREATE INDEX "working_file_shotgun_id_idx" ON "working_file"("shotgun_id");

-- CreateIndex
CREATE INDEX "working_file_task_id_idx" ON "working_file"("task_id");

-- CreateIndex
CREATE INDEX "working_file_entity_id_idx" ON "working_file"("entity_id");

-- CreateIndex
CREATE INDEX "working_file_person_id_idx" ON "working_file"("person_id");

-- CreateIndex
CREATE INDEX "working_file_software_id_idx" ON "working_file"("software_id");

-- CreateIndex
CREATE UNIQUE INDEX "working_file_uc" ON "working_file"("name", "task_id", "entity_id", "revision");

-- CreateIndex
CREATE INDEX "attachment_file_reply_id_idx" ON "attachment_file"("reply_id");

-- CreateIndex
CREATE INDEX "attachment_file_comment_id_idx" ON "attachment_file"("comment_id");

-- CreateIndex
CREATE INDEX "attachment_file_chat_message_id_idx" ON "attachment_file"("chat_message_id");

-- CreateIndex
CREATE UNIQUE INDEX "output_type_name_key" ON "output_type"("name");

-- CreateIndex
CREATE UNIQUE INDEX "file_status_name_key" ON "file_status"("name");

-- CreateIndex
CREATE INDEX "preview_background_file_is_default_idx" ON "preview_background_file"("is_default");

-- CreateIndex
CREATE INDEX "playlist_for_client_idx" ON "playlist"("for_client");

-- CreateIndex
CREATE INDEX "playlist_for_entity_idx" ON "playlist"("for_entity");

-- CreateIndex
CREATE INDEX "playlist_project_id_idx" ON "playlist"("project_id");

-- CreateIndex
CREATE INDEX "playlist_episode_id_idx" ON "playlist"("episode_id");

-- CreateIndex
CREATE INDEX "playlist_task_type_id_idx" ON "playlist"("task_type_id");

-- CreateIndex
CREATE INDEX "playlist_created_by_idx" ON "playlist"("created_by");

-- CreateIndex
CREATE UNIQUE INDEX "playlist_uc" ON "playlist"("name", "project_id", "episode_id");

-- CreateIndex
CREATE UNIQUE INDEX "playlist_share_link_token_key" ON "playlist_share_link"("token");

-- CreateIndex
CREATE INDEX "ix_playlist_share_link_playlist_active" ON "playlist_share_link"("playlist_id", "is_active");

-- CreateIndex
CREATE INDEX "playlist_share_link_playlist_id_idx" ON "playlist_share_link"("playlist_id");

-- CreateIndex
CREATE INDEX "playlist_share_link_created_by_idx" ON "playlist_share_link"("created_by");

-- CreateIndex
CREATE INDEX "build_job_playlist_id_idx" ON "build_job"("playlist_id");

-- CreateIndex
CREATE INDEX "schedule_item_object_id_idx" ON "schedule_item"("object_id");

-- CreateIndex
CREATE INDEX "schedule_item_project_id_idx" ON "schedule_item"("project_id");

-- CreateIndex
CREATE INDEX "schedule_item_task_type_id_idx" ON "schedule_item"("task_type_id");

-- CreateIndex
CREATE UNIQUE INDEX "schedule_item_uc" ON "schedule_item"("project_id", "task_type_id", "object_id");

-- CreateIndex
CREATE INDEX "milestone_project_id_idx" ON "milestone"("project_id");

-- CreateIndex
CREATE INDEX "milestone_task_type_id_idx" ON "milestone"("task_type_id");

-- CreateIndex
CREATE INDEX "production_schedule_version_project_id_idx" ON "production_schedule_version"("project_id");

-- CreateIndex
CREATE INDEX "production_schedule_version_production_schedule_from_idx" ON "production_schedule_version"("production_schedule_from");

-- CreateIndex
CREATE UNIQUE INDEX "production_schedule_version_uc" ON "production_schedule_version"("name", "project_id");

-- CreateIndex
CREATE INDEX "production_schedule_version_task_link_production_schedule_v_idx" ON "production_schedule_version_task_link"("production_schedule_version_id");

-- CreateIndex
CREATE INDEX "production_schedule_version_task_link_task_id_idx" ON "production_schedule_version_task_link"("task_id");

-- CreateIndex
CREATE UNIQUE INDEX "production_schedule_version_task_link_uc" ON "production_schedule_version_task_link"("production_schedule_version_id", "task_id");

-- CreateIndex
CREATE INDEX "production_schedule_version_task_link_person_link_productio_idx" ON "production_schedule_version_task_link_person_link"("production_schedule_version_task_link_id");

-- CreateIndex
CREATE INDEX "production_schedule_version_task_link_person_link_person_id_idx" ON "production_schedule_version_task_link_person_link"("person_id");

-- CreateIndex
CREATE INDEX "budget_project_id_idx" ON "budget"("project_id");

-- CreateIndex
CREATE INDEX "budget_entry_budget_id_idx" ON "budget_entry"("budget_id");

-- CreateIndex
CREATE INDEX "budget_entry_department_id_idx" ON "budget_entry"("department_id");

-- CreateIndex
CREATE INDEX "budget_entry_person_id_idx" ON "budget_entry"("person_id");

-- CreateIndex
CREATE INDEX "salary_scale_department_id_idx" ON "salary_scale"("department_id");

-- CreateIndex
CREATE INDEX "api_event_name_idx" ON "api_event"("name");

-- CreateIndex
CREATE INDEX "ix_api_event_created_at" ON "api_event"("created_at");

-- CreateIndex
CREATE INDEX "ix_api_event_project_id_created_at" ON "api_event"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "api_event_user_id_idx" ON "api_event"("user_id");

-- CreateIndex
CREATE INDEX "api_event_project_id_idx" ON "api_event"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "plugin_plugin_id_key" ON "plugin"("plugin_id");

-- CreateIndex
CREATE INDEX "plugin_name_idx" ON "plugin"("name");

-- CreateIndex
CREATE INDEX "search_filter_list_type_idx" ON "search_filter"("list_type");

-- CreateIndex
CREATE INDEX "search_filter_department_id_idx" ON "search_filter"("department_id");

-- CreateIndex
CREATE INDEX "search_filter_search_filter_group_id_idx" ON "search_filter"("search_filter_group_id");

-- CreateIndex
CREATE INDEX "search_filter_person_id_idx" ON "search_filter"("person_id");

-- CreateIndex
CREATE INDEX "search_filter_project_id_idx" ON "search_filter"("project_id");

-- CreateIndex
CREATE INDEX "search_filter_group_list_type_idx" ON "search_filter_group"("list_type");

-- CreateIndex
CREATE INDEX "search_filter_group_person_id_idx" ON "search_filter_group"("person_id");

-- CreateIndex
CREATE INDEX "search_filter_group_project_id_idx" ON "search_filter_group"("project_id");

-- CreateIndex
CREATE INDEX "search_filter_group_department_id_idx" ON "search_filter_group"("department_id");

-- CreateIndex
CREATE INDEX "revoked_token_expires_at_idx" ON "revoked_token"("expires_at");

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_studio_id_fkey" FOREIGN KEY ("studio_id") REFERENCES "studio"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "department_link" ADD CONSTRAINT "department_link_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "department_link" ADD CONSTRAINT "department_link_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "hardware_item_department_link" ADD CONSTRAINT "hardware_item_department_link_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "hardware_item_department_link" ADD CONSTRAINT "hardware_item_department_link_hardware_item_id_fkey" FOREIGN KEY ("hardware_item_id") REFERENCES "hardware_item"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "software_department_link" ADD CONSTRAINT "software_department_link_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "software_department_link" ADD CONSTRAINT "software_department_link_software_id_fkey" FOREIGN KEY ("software_id") REFERENCES "software"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "day_off" ADD CONSTRAINT "day_off_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "desktop_login_log" ADD CONSTRAINT "desktop_login_log_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "login_log" ADD CONSTRAINT "login_log_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_project_status_id_fkey" FOREIGN KEY ("project_status_id") REFERENCES "project_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_default_preview_background_file_id_fkey" FOREIGN KEY ("default_preview_background_file_id") REFERENCES "preview_background_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_from_schedule_version_id_fkey" FOREIGN KEY ("from_schedule_version_id") REFERENCES "production_schedule_version"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_person_link" ADD CONSTRAINT "project_person_link_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_person_link" ADD CONSTRAINT "project_person_link_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_task_type_link" ADD CONSTRAINT "project_task_type_link_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_task_type_link" ADD CONSTRAINT "project_task_type_link_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_task_status_link" ADD CONSTRAINT "project_task_status_link_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_task_status_link" ADD CONSTRAINT "project_task_status_link_task_status_id_fkey" FOREIGN KEY ("task_status_id") REFERENCES "task_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_asset_type_link" ADD CONSTRAINT "project_asset_type_link_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_asset_type_link" ADD CONSTRAINT "project_asset_type_link_asset_type_id_fkey" FOREIGN KEY ("asset_type_id") REFERENCES "entity_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_status_automation_link" ADD CONSTRAINT "project_status_automation_link_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_status_automation_link" ADD CONSTRAINT "project_status_automation_link_status_automation_id_fkey" FOREIGN KEY ("status_automation_id") REFERENCES "status_automation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_preview_background_file_link" ADD CONSTRAINT "project_preview_background_file_link_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_preview_background_file_link" ADD CONSTRAINT "project_preview_background_file_link_preview_background_fi_fkey" FOREIGN KEY ("preview_background_file_id") REFERENCES "preview_background_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template" ADD CONSTRAINT "project_template_default_preview_background_file_id_fkey" FOREIGN KEY ("default_preview_background_file_id") REFERENCES "preview_background_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_task_type_link" ADD CONSTRAINT "project_template_task_type_link_project_template_id_fkey" FOREIGN KEY ("project_template_id") REFERENCES "project_template"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_task_type_link" ADD CONSTRAINT "project_template_task_type_link_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_task_status_link" ADD CONSTRAINT "project_template_task_status_link_project_template_id_fkey" FOREIGN KEY ("project_template_id") REFERENCES "project_template"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_task_status_link" ADD CONSTRAINT "project_template_task_status_link_task_status_id_fkey" FOREIGN KEY ("task_status_id") REFERENCES "task_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_asset_type_link" ADD CONSTRAINT "project_template_asset_type_link_project_template_id_fkey" FOREIGN KEY ("project_template_id") REFERENCES "project_template"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_asset_type_link" ADD CONSTRAINT "project_template_asset_type_link_asset_type_id_fkey" FOREIGN KEY ("asset_type_id") REFERENCES "entity_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_status_automation_link" ADD CONSTRAINT "project_template_status_automation_link_project_template_i_fkey" FOREIGN KEY ("project_template_id") REFERENCES "project_template"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_status_automation_link" ADD CONSTRAINT "project_template_status_automation_link_status_automation__fkey" FOREIGN KEY ("status_automation_id") REFERENCES "status_automation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_preview_background_file_link" ADD CONSTRAINT "project_template_preview_background_file_link_project_temp_fkey" FOREIGN KEY ("project_template_id") REFERENCES "project_template"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "project_template_preview_background_file_link" ADD CONSTRAINT "project_template_preview_background_file_link_preview_back_fkey" FOREIGN KEY ("preview_background_file_id") REFERENCES "preview_background_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "metadata_descriptor" ADD CONSTRAINT "metadata_descriptor_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "metadata_descriptor" ADD CONSTRAINT "metadata_descriptor_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "department_metadata_descriptor_link" ADD CONSTRAINT "department_metadata_descriptor_link_metadata_descriptor_id_fkey" FOREIGN KEY ("metadata_descriptor_id") REFERENCES "metadata_descriptor"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "department_metadata_descriptor_link" ADD CONSTRAINT "department_metadata_descriptor_link_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_entity_type_id_fkey" FOREIGN KEY ("entity_type_id") REFERENCES "entity_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "fk_main_preview" FOREIGN KEY ("preview_file_id") REFERENCES "preview_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "fk_ready_for" FOREIGN KEY ("ready_for") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity" ADD CONSTRAINT "entity_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task_type_asset_type_link" ADD CONSTRAINT "task_type_asset_type_link_asset_type_id_fkey" FOREIGN KEY ("asset_type_id") REFERENCES "entity_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task_type_asset_type_link" ADD CONSTRAINT "task_type_asset_type_link_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity_link" ADD CONSTRAINT "entity_link_entity_in_id_fkey" FOREIGN KEY ("entity_in_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity_link" ADD CONSTRAINT "entity_link_entity_out_id_fkey" FOREIGN KEY ("entity_out_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity_concept_link" ADD CONSTRAINT "entity_concept_link_entity_in_id_fkey" FOREIGN KEY ("entity_in_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity_concept_link" ADD CONSTRAINT "entity_concept_link_entity_out_id_fkey" FOREIGN KEY ("entity_out_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity_version" ADD CONSTRAINT "entity_version_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "entity_version" ADD CONSTRAINT "entity_version_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "asset_instance" ADD CONSTRAINT "asset_instance_asset_id_fkey" FOREIGN KEY ("asset_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "asset_instance" ADD CONSTRAINT "asset_instance_scene_id_fkey" FOREIGN KEY ("scene_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "asset_instance" ADD CONSTRAINT "asset_instance_target_asset_id_fkey" FOREIGN KEY ("target_asset_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "asset_instance" ADD CONSTRAINT "asset_instance_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "asset_instance" ADD CONSTRAINT "asset_instance_entity_type_id_fkey" FOREIGN KEY ("entity_type_id") REFERENCES "entity_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "asset_instance_link" ADD CONSTRAINT "asset_instance_link_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "asset_instance_link" ADD CONSTRAINT "asset_instance_link_asset_instance_id_fkey" FOREIGN KEY ("asset_instance_id") REFERENCES "asset_instance"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_task_status_id_fkey" FOREIGN KEY ("task_status_id") REFERENCES "task_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_assigner_id_fkey" FOREIGN KEY ("assigner_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task_person_link" ADD CONSTRAINT "task_person_link_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task_person_link" ADD CONSTRAINT "task_person_link_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "task_type" ADD CONSTRAINT "task_type_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "time_spent" ADD CONSTRAINT "time_spent_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "time_spent" ADD CONSTRAINT "time_spent_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "status_automation" ADD CONSTRAINT "status_automation_in_task_type_id_fkey" FOREIGN KEY ("in_task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "status_automation" ADD CONSTRAINT "status_automation_in_task_status_id_fkey" FOREIGN KEY ("in_task_status_id") REFERENCES "task_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "status_automation" ADD CONSTRAINT "status_automation_out_task_type_id_fkey" FOREIGN KEY ("out_task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "status_automation" ADD CONSTRAINT "status_automation_out_task_status_id_fkey" FOREIGN KEY ("out_task_status_id") REFERENCES "task_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_task_status_id_fkey" FOREIGN KEY ("task_status_id") REFERENCES "task_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment" ADD CONSTRAINT "comment_preview_file_id_fkey" FOREIGN KEY ("preview_file_id") REFERENCES "preview_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_preview_link" ADD CONSTRAINT "comment_preview_link_comment_fkey" FOREIGN KEY ("comment") REFERENCES "comment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_preview_link" ADD CONSTRAINT "comment_preview_link_preview_file_fkey" FOREIGN KEY ("preview_file") REFERENCES "preview_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_mentions" ADD CONSTRAINT "comment_mentions_comment_fkey" FOREIGN KEY ("comment") REFERENCES "comment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_mentions" ADD CONSTRAINT "comment_mentions_person_fkey" FOREIGN KEY ("person") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_department_mentions" ADD CONSTRAINT "comment_department_mentions_comment_fkey" FOREIGN KEY ("comment") REFERENCES "comment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_department_mentions" ADD CONSTRAINT "comment_department_mentions_department_fkey" FOREIGN KEY ("department") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_acknoledgments" ADD CONSTRAINT "comment_acknoledgments_comment_fkey" FOREIGN KEY ("comment") REFERENCES "comment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "comment_acknoledgments" ADD CONSTRAINT "comment_acknoledgments_person_fkey" FOREIGN KEY ("person") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_playlist_id_fkey" FOREIGN KEY ("playlist_id") REFERENCES "playlist"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "news" ADD CONSTRAINT "news_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "news" ADD CONSTRAINT "news_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "news" ADD CONSTRAINT "news_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "news" ADD CONSTRAINT "news_preview_file_id_fkey" FOREIGN KEY ("preview_file_id") REFERENCES "preview_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "chat_participant" ADD CONSTRAINT "chat_participant_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chat"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "chat_participant" ADD CONSTRAINT "chat_participant_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_chat_id_fkey" FOREIGN KEY ("chat_id") REFERENCES "chat"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "chat_message" ADD CONSTRAINT "chat_message_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "preview_file" ADD CONSTRAINT "preview_file_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "preview_file" ADD CONSTRAINT "preview_file_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "preview_file" ADD CONSTRAINT "preview_file_source_file_id_fkey" FOREIGN KEY ("source_file_id") REFERENCES "output_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_file_status_id_fkey" FOREIGN KEY ("file_status_id") REFERENCES "file_status"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_asset_instance_id_fkey" FOREIGN KEY ("asset_instance_id") REFERENCES "asset_instance"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_output_type_id_fkey" FOREIGN KEY ("output_type_id") REFERENCES "output_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_source_file_id_fkey" FOREIGN KEY ("source_file_id") REFERENCES "working_file"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "output_file" ADD CONSTRAINT "output_file_temporal_entity_id_fkey" FOREIGN KEY ("temporal_entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "working_file" ADD CONSTRAINT "working_file_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "working_file" ADD CONSTRAINT "working_file_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "working_file" ADD CONSTRAINT "working_file_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "working_file" ADD CONSTRAINT "working_file_software_id_fkey" FOREIGN KEY ("software_id") REFERENCES "software"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "attachment_file" ADD CONSTRAINT "attachment_file_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comment"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "attachment_file" ADD CONSTRAINT "attachment_file_chat_message_id_fkey" FOREIGN KEY ("chat_message_id") REFERENCES "chat_message"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "playlist" ADD CONSTRAINT "playlist_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "playlist" ADD CONSTRAINT "playlist_episode_id_fkey" FOREIGN KEY ("episode_id") REFERENCES "entity"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "playlist" ADD CONSTRAINT "playlist_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "playlist" ADD CONSTRAINT "playlist_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "playlist_share_link" ADD CONSTRAINT "playlist_share_link_playlist_id_fkey" FOREIGN KEY ("playlist_id") REFERENCES "playlist"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "playlist_share_link" ADD CONSTRAINT "playlist_share_link_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "build_job" ADD CONSTRAINT "build_job_playlist_id_fkey" FOREIGN KEY ("playlist_id") REFERENCES "playlist"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "schedule_item" ADD CONSTRAINT "schedule_item_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "schedule_item" ADD CONSTRAINT "schedule_item_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "milestone" ADD CONSTRAINT "milestone_task_type_id_fkey" FOREIGN KEY ("task_type_id") REFERENCES "task_type"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "production_schedule_version" ADD CONSTRAINT "production_schedule_version_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "production_schedule_version" ADD CONSTRAINT "production_schedule_version_production_schedule_from_fkey" FOREIGN KEY ("production_schedule_from") REFERENCES "production_schedule_version"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "production_schedule_version_task_link" ADD CONSTRAINT "production_schedule_version_task_link_production_schedule__fkey" FOREIGN KEY ("production_schedule_version_id") REFERENCES "production_schedule_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "production_schedule_version_task_link" ADD CONSTRAINT "production_schedule_version_task_link_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "production_schedule_version_task_link_person_link" ADD CONSTRAINT "production_schedule_version_task_link_person_link_producti_fkey" FOREIGN KEY ("production_schedule_version_task_link_id") REFERENCES "production_schedule_version_task_link"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "production_schedule_version_task_link_person_link" ADD CONSTRAINT "production_schedule_version_task_link_person_link_person_i_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "budget" ADD CONSTRAINT "budget_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "budget_entry" ADD CONSTRAINT "budget_entry_budget_id_fkey" FOREIGN KEY ("budget_id") REFERENCES "budget"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "budget_entry" ADD CONSTRAINT "budget_entry_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "budget_entry" ADD CONSTRAINT "budget_entry_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "salary_scale" ADD CONSTRAINT "salary_scale_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "api_event" ADD CONSTRAINT "api_event_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "api_event" ADD CONSTRAINT "api_event_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "search_filter" ADD CONSTRAINT "search_filter_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "search_filter" ADD CONSTRAINT "search_filter_search_filter_group_id_fkey" FOREIGN KEY ("search_filter_group_id") REFERENCES "search_filter_group"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "search_filter" ADD CONSTRAINT "search_filter_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "search_filter" ADD CONSTRAINT "search_filter_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "search_filter_group" ADD CONSTRAINT "search_filter_group_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "search_filter_group" ADD CONSTRAINT "search_filter_group_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "search_filter_group" ADD CONSTRAINT "search_filter_group_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- ---- Hand-written: constraints Prisma's schema language cannot express ----

-- Zou: e-mail unique among non-bots only (bots may share a person's address).
CREATE UNIQUE INDEX "only_one_email_by_person" ON "person" ("email", "is_bot") WHERE "is_bot" IS NOT TRUE;

CREATE UNIQUE INDEX "metadata_descriptor_uc" ON "metadata_descriptor" ("project_id", "entity_type", "name") WHERE "task_type_id" IS NULL;
CREATE UNIQUE INDEX "metadata_descriptor_uc2" ON "metadata_descriptor" ("project_id", "entity_type", "field_name") WHERE "task_type_id" IS NULL;
CREATE UNIQUE INDEX "metadata_descriptor_task_type_uc" ON "metadata_descriptor" ("project_id", "entity_type", "task_type_id", "name") WHERE "task_type_id" IS NOT NULL;
CREATE UNIQUE INDEX "metadata_descriptor_task_type_uc2" ON "metadata_descriptor" ("project_id", "entity_type", "task_type_id", "field_name") WHERE "task_type_id" IS NOT NULL;

ALTER TABLE "day_off" ADD CONSTRAINT "day_off_date_check" CHECK ("date" <= "end_date");
ALTER TABLE "task" ADD CONSTRAINT "check_difficulty" CHECK ("difficulty" BETWEEN 1 AND 5);
ALTER TABLE "time_spent" ADD CONSTRAINT "check_duration_positive" CHECK ("duration" > 0);

-- Slate: a change counter for cached list totals (src/crud/count-cache.ts). Every row write to
-- a Zou table advances one sequence, at commit time (deferred), so an instance knows whether
-- a total it counted is still current whichever instance wrote. (The body spells its
-- semicolons \073: the WebAssembly migration runner splits scripts at every semicolon.)
CREATE SEQUENCE "slate_change_seq";

CREATE FUNCTION "slate_note_change"() RETURNS trigger LANGUAGE plpgsql
AS E'BEGIN PERFORM nextval(''slate_change_seq'')\073 RETURN NULL\073 END';

CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "api_event" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "asset_instance" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "asset_instance_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "attachment_file" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "budget" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "budget_entry" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "build_job" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "chat" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "chat_message" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "chat_participant" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "comment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "comment_acknoledgments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "comment_department_mentions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "comment_mentions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "comment_preview_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "custom_action" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "data_import_error" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "day_off" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "department" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "department_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "department_metadata_descriptor_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "desktop_login_log" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "entity" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "entity_concept_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "entity_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "entity_type" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "entity_version" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "file_status" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "hardware_item" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "hardware_item_department_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "login_log" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "metadata_descriptor" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "milestone" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "news" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "notification" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "organisation" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "output_file" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "output_type" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "person" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "playlist" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "playlist_share_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "plugin" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "preview_background_file" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "preview_file" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "production_schedule_version" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "production_schedule_version_task_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "production_schedule_version_task_link_person_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_asset_type_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_person_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_preview_background_file_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_status" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_status_automation_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_task_status_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_task_type_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_template" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_template_asset_type_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_template_preview_background_file_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_template_status_automation_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_template_task_status_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "project_template_task_type_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "salary_scale" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "schedule_item" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "search_filter" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "search_filter_group" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "software" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "software_department_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "status_automation" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "studio" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "subscription" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "task" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "task_person_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "task_status" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "task_type" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "task_type_asset_type_link" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "time_spent" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();
CREATE CONSTRAINT TRIGGER "slate_change" AFTER INSERT OR UPDATE OR DELETE ON "working_file" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "slate_note_change"();

/* eslint-disable */
// Generated from schemas/config.schema.json by scripts/gen-types.mjs. Do not edit by hand.
const schema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://github.com/iam-mfa-lint/iam-mfa-lint/schemas/config.schema.json",
  "title": "IamMfaLintConfig",
  "description": "iam-mfa-lint.config.json: the linter's configuration for a repository. Globs are minimatch patterns relative to the folder of the config file.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "description": "The URL or path of this schema, for editors.",
      "type": "string"
    },
    "buckets": {
      "description": "Target S3 buckets: S3 grants must stay inside them. --bucket on the command line replaces them.",
      "$ref": "#/definitions/Buckets"
    },
    "policyType": {
      "$ref": "#/definitions/PolicyType"
    },
    "rules": {
      "$ref": "#/definitions/Rules"
    },
    "ignorePatterns": {
      "description": "Files and folders never linted (globs relative to the config file; a pattern without \"/\" matches a name at any depth).",
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      }
    },
    "overrides": {
      "description": "Settings for some files only; later entries win over earlier ones, all over the top level.",
      "type": "array",
      "items": {
        "$ref": "#/definitions/Override"
      }
    },
    "ignore": {
      "description": "Findings to suppress, by rule, files and statement Sid (IAM JSON has no comments).",
      "type": "array",
      "items": {
        "$ref": "#/definitions/Ignore"
      }
    }
  },
  "definitions": {
    "Buckets": {
      "type": "array",
      "items": {
        "type": "string",
        "minLength": 1
      }
    },
    "PolicyType": {
      "description": "The kind of policy documents; detected from each document when absent.",
      "type": "string",
      "enum": [
        "identity",
        "resource",
        "trust"
      ]
    },
    "RuleLevel": {
      "type": "string",
      "enum": [
        "off",
        "warn",
        "error"
      ]
    },
    "RuleSetting": {
      "description": "A level, or [level, options].",
      "tsType": "RuleLevel | [RuleLevel] | [RuleLevel, { [option: string]: unknown }]",
      "anyOf": [
        {
          "$ref": "#/definitions/RuleLevel"
        },
        {
          "type": "array",
          "minItems": 1,
          "maxItems": 2,
          "items": [
            {
              "$ref": "#/definitions/RuleLevel"
            },
            {
              "type": "object"
            }
          ]
        }
      ]
    },
    "Rules": {
      "description": "Rule levels by rule id: \"off\", \"warn\", \"error\" or [level, options].",
      "type": "object",
      "additionalProperties": {
        "$ref": "#/definitions/RuleSetting"
      }
    },
    "Globs": {
      "tsType": "string | string[]",
      "anyOf": [
        {
          "type": "string",
          "minLength": 1
        },
        {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "string",
            "minLength": 1
          }
        }
      ]
    },
    "Override": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "files"
      ],
      "properties": {
        "files": {
          "$ref": "#/definitions/Globs"
        },
        "buckets": {
          "$ref": "#/definitions/Buckets"
        },
        "policyType": {
          "$ref": "#/definitions/PolicyType"
        },
        "rules": {
          "$ref": "#/definitions/Rules"
        }
      }
    },
    "Ignore": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "rule"
      ],
      "properties": {
        "rule": {
          "description": "The rule whose findings are suppressed.",
          "type": "string",
          "minLength": 1
        },
        "files": {
          "description": "Only in these files (default: every file).",
          "$ref": "#/definitions/Globs"
        },
        "sid": {
          "description": "Only in the statement with this Sid (default: every statement).",
          "type": "string"
        },
        "reason": {
          "description": "Why the finding is accepted (not used by the linter; for reviewers).",
          "type": "string"
        }
      }
    }
  }
} as const;
export default schema;

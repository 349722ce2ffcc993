/* eslint-disable */
// Generated from schemas/iam-policy.schema.json by scripts/gen-types.mjs. Do not edit by hand.
const schema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://github.com/iam-mfa-lint/iam-mfa-lint/schemas/iam-policy.schema.json",
  "title": "PolicyDocument",
  "description": "An AWS IAM policy document (identity, resource or trust policy), as the IAM JSON policy grammar defines it.",
  "type": "object",
  "properties": {
    "Version": {
      "title": "PolicyVersion",
      "description": "The policy language version. 2012-10-17 is current; 2008-10-17 does not expand policy variables.",
      "type": "string",
      "enum": [
        "2012-10-17",
        "2008-10-17"
      ],
      "errorMessage": "must be \"2012-10-17\" (or the outdated \"2008-10-17\")"
    },
    "Id": {
      "description": "An optional identifier for the policy.",
      "type": "string",
      "errorMessage": "must be a string"
    },
    "Statement": {
      "description": "One statement, or an array of statements.",
      "tsType": "Statement | Statement[]",
      "if": {
        "type": "array"
      },
      "then": {
        "items": {
          "$ref": "#/definitions/Statement"
        }
      },
      "else": {
        "$ref": "#/definitions/Statement"
      }
    }
  },
  "required": [
    "Statement"
  ],
  "additionalProperties": false,
  "errorMessage": {
    "type": "A policy document must be a JSON object",
    "required": {
      "Statement": "The policy has no Statement"
    }
  },
  "definitions": {
    "Statement": {
      "title": "Statement",
      "type": "object",
      "properties": {
        "Sid": {
          "description": "An optional statement identifier.",
          "type": "string",
          "errorMessage": "must be a string"
        },
        "Effect": {
          "title": "Effect",
          "description": "Allow or Deny (case-sensitive).",
          "type": "string",
          "enum": [
            "Allow",
            "Deny"
          ],
          "errorMessage": "must be \"Allow\" or \"Deny\" (case-sensitive)"
        },
        "Principal": {
          "$ref": "#/definitions/Principal"
        },
        "NotPrincipal": {
          "$ref": "#/definitions/Principal"
        },
        "Action": {
          "$ref": "#/definitions/StringOrStringArray"
        },
        "NotAction": {
          "$ref": "#/definitions/StringOrStringArray"
        },
        "Resource": {
          "$ref": "#/definitions/StringOrStringArray"
        },
        "NotResource": {
          "$ref": "#/definitions/StringOrStringArray"
        },
        "Condition": {
          "$ref": "#/definitions/ConditionBlock"
        }
      },
      "required": [
        "Effect"
      ],
      "additionalProperties": false,
      "if": {
        "not": {
          "required": [
            "NotAction"
          ]
        }
      },
      "then": {
        "required": [
          "Action"
        ],
        "errorMessage": "has neither Action nor NotAction"
      },
      "dependencies": {
        "Action": {
          "not": {
            "required": [
              "NotAction"
            ]
          },
          "errorMessage": "has both Action and NotAction"
        },
        "Resource": {
          "not": {
            "required": [
              "NotResource"
            ]
          },
          "errorMessage": "has both Resource and NotResource"
        },
        "Principal": {
          "not": {
            "required": [
              "NotPrincipal"
            ]
          },
          "errorMessage": "has both Principal and NotPrincipal"
        }
      },
      "errorMessage": {
        "type": "must be a JSON object",
        "required": {
          "Effect": "has no Effect"
        }
      }
    },
    "StringOrStringArray": {
      "tsType": "string | string[]",
      "if": {
        "type": "array"
      },
      "then": {
        "items": {
          "type": "string",
          "errorMessage": "must be a string"
        }
      },
      "else": {
        "type": "string",
        "errorMessage": "must be a string or an array of strings"
      }
    },
    "Principal": {
      "title": "Principal",
      "description": "\"*\" or a map of principal type to one or more principals.",
      "anyOf": [
        {
          "type": "string",
          "const": "*"
        },
        {
          "type": "object",
          "properties": {
            "AWS": {
              "$ref": "#/definitions/StringOrStringArray"
            },
            "Service": {
              "$ref": "#/definitions/StringOrStringArray"
            },
            "Federated": {
              "$ref": "#/definitions/StringOrStringArray"
            },
            "CanonicalUser": {
              "$ref": "#/definitions/StringOrStringArray"
            }
          },
          "additionalProperties": false
        }
      ],
      "errorMessage": "must be \"*\" or an object whose keys are AWS, Service, Federated or CanonicalUser, each with a string or an array of strings"
    },
    "ConditionBlock": {
      "title": "ConditionBlock",
      "description": "Condition operator -> condition key -> value or values.",
      "type": "object",
      "additionalProperties": {
        "type": "object",
        "additionalProperties": {
          "$ref": "#/definitions/ConditionValues"
        },
        "errorMessage": {
          "type": "must map condition keys to values"
        }
      },
      "errorMessage": {
        "type": "must be an object mapping condition operators to keys"
      }
    },
    "ConditionValues": {
      "title": "ConditionValues",
      "tsType": "ConditionValue | ConditionValue[]",
      "if": {
        "type": "array"
      },
      "then": {
        "items": {
          "$ref": "#/definitions/ConditionValue"
        }
      },
      "else": {
        "$ref": "#/definitions/ConditionValue"
      }
    },
    "ConditionValue": {
      "title": "ConditionValue",
      "type": [
        "string",
        "number",
        "boolean"
      ],
      "errorMessage": "must be a string, a number or a boolean"
    }
  }
} as const;
export default schema;
